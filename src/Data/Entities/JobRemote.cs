namespace SyncConsole.Data.Entities;

/// <summary>Links a job to one of its remotes (many-to-many).</summary>
public sealed class JobRemote
{
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    public int RemoteId { get; set; }
    public Remote? Remote { get; set; }
}
