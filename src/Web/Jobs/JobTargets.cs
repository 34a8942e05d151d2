using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Jobs;

/// <summary>
/// A job request's remotes and the destination folder on each, from <c>targets</c> or <c>remoteIds</c>. With only
/// <c>remoteIds</c> (the older shape), a link that already exists keeps its folder and a new one is at the root.
/// </summary>
public static class JobTargets
{
    /// <returns>Remote id → normalised destination; the JSON field to name in errors; the errors found.</returns>
    public static (Dictionary<int, string> Targets, string Field, Dictionary<string, string[]> Errors) Read(JobRequest request, SyncJob? existing)
    {
        var errors = new ValidationErrors();
        var targets = new Dictionary<int, string>();
        if (request.Targets is null)
        {
            foreach (var remoteId in (request.RemoteIds ?? []).Distinct())
                targets[remoteId] = existing?.JobRemotes.FirstOrDefault(jr => jr.RemoteId == remoteId)?.Destination ?? "";
            return (targets, "remoteIds", errors.ToDictionary());
        }

        foreach (var target in request.Targets)
        {
            if (target is null) { errors.Add("targets", "A target is empty: give {\"remoteId\": ..., \"destination\": ...}."); continue; }
            var destination = RemoteDestination.Normalise(target.Destination);
            if (RemoteDestination.Problem(destination) is { } problem) errors.Add("targets", $"Remote {target.RemoteId}: {problem}");
            else if (!targets.TryAdd(target.RemoteId, destination))
                errors.Add("targets", $"Remote {target.RemoteId} is listed twice: a job has one destination folder per remote.");
        }
        if (request.RemoteIds is { } ids && !ids.ToHashSet().SetEquals(request.Targets.Where(t => t is not null).Select(t => t.RemoteId)))
            errors.Add("targets", "remoteIds and targets name different remotes: send targets alone (or both with the same remotes).");
        return (targets, "targets", errors.ToDictionary());
    }
}
