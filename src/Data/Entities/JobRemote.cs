namespace SyncConsole.Data.Entities;

/// <summary>Links a job to one of its remotes (many-to-many).</summary>
public sealed class JobRemote
{
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    public int RemoteId { get; set; }
    public Remote? Remote { get; set; }
    /// <summary>The job's folder inside the remote's module or path; "" = its root (sersync's behaviour, and every link made before this existed).</summary>
    public string Destination { get; set; } = "";
}
