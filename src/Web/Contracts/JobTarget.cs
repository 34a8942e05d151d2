namespace SyncConsole.Web.Contracts;

/// <summary>
/// One remote of a job and the job's folder on it: <see cref="Destination"/> is relative to the remote's module or
/// path ("" or null = its root, as sersync). Two jobs' folders on one endpoint must not be equal or nested.
/// </summary>
public sealed record JobTarget
{
    public int RemoteId { get; init; }
    public string? Destination { get; init; }
}
