using SyncConsole.Engine.Jobs;

namespace SyncConsole.Web.Remotes;

/// <summary>A job that delivers to a remote, and its destination folder there ("" = the module or path root).</summary>
public sealed record RemoteUse(int JobId, string JobName, string Destination)
{
    public string Describe() => $"job '{JobName}' ({RemoteDestination.Describe(Destination)})";
}
