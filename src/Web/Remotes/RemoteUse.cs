using SyncConsole.Engine.Jobs;

namespace SyncConsole.Web.Remotes;

/// <summary>A job that delivers to a remote, and its destination folder there ("" = the module or path root).</summary>
public sealed record RemoteUse(int JobId, string JobName, string Destination)
{
    public string Describe() => $"job '{JobName}' ({RemoteDestination.Describe(Destination)})";

    /// <summary>The delete confirmation: which jobs lose the remote, and which folder of it each one fills (the files there stay).</summary>
    public static string DeleteQuestion(string remoteName, IReadOnlyList<RemoteUse> uses) => uses.Count == 0
        ? $"Delete the remote '{remoteName}'? No job uses it."
        : $"Delete the remote '{remoteName}'? Used by {string.Join(", ", uses.Select(u => u.Describe()))}: " +
          $"{(uses.Count == 1 ? "it stops" : "they stop")} delivering there; the files already on the remote stay.";
}
