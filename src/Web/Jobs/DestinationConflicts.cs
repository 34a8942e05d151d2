using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Web.Jobs;

/// <summary>
/// Finds jobs whose destinations overlap on one endpoint (<see cref="RemoteDestination.Overlaps"/>) and says so in
/// words that name the other job and suggest a folder. Used when a job is saved, when a confxml.xml is imported, and
/// for the health warning of links stored before the rule existed.
/// </summary>
public static class DestinationConflicts
{
    /// <summary>Every stored link, with its remote's endpoint and destination (no secret is read).</summary>
    public static async Task<List<DestinationLink>> LoadAsync(SyncConsoleDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.JobRemotes.AsNoTracking().Include(jr => jr.Remote).Include(jr => jr.Job)
            .OrderBy(jr => jr.JobId).ThenBy(jr => jr.RemoteId).ToListAsync(cancellationToken);
        return rows.Where(jr => jr.Remote is not null && jr.Job is not null)
            .Select(jr => new DestinationLink(jr.JobId, jr.Job!.Name, ToDefinition(jr.Remote!, jr.Destination))).ToList();
    }

    /// <summary>A remote row with a job's folder, for the rule only: the password is not decrypted.</summary>
    public static RemoteDefinition ToDefinition(Remote remote, string destination) =>
        JobDefinitionMapper.ToDefinition(remote, _ => "") with { Password = null, Destination = destination };

    /// <summary>
    /// Why <paramref name="link"/> cannot be saved beside <paramref name="others"/> (the other jobs' links and this
    /// job's other links), or null.
    /// </summary>
    public static string? Problem(DestinationLink link, IReadOnlyCollection<DestinationLink> others)
    {
        // One job twice into the same folder (e.g. two remote rows, two users) sends the same tree twice: redundant,
        // not destructive. Nested folders of one job are: the outer one's deletes remove the inner copy.
        var other = others.FirstOrDefault(o => RemoteDestination.Overlaps(link.Remote, o.Remote)
                                               && !(IsSameJob(link, o) && RemoteDestination.IsSameFolder(link.Remote, o.Remote)));
        if (other is null) return null;
        var owner = IsSameJob(link, other) ? "this job" : $"job '{other.JobName}'";
        var text = $"remote '{link.Remote.Name}': {RemoteDestination.Describe(link.Remote.Destination)} ({RsyncCommandBuilder.Destination(link.Remote)}) " +
                   $"overlaps {owner}, which delivers to {RemoteDestination.Describe(other.Remote.Destination)} of the same place " +
                   $"({RsyncCommandBuilder.Destination(other.Remote)}) - one equal to or inside the other, so the deletes of one job would remove the other's files.";
        if (Suggestion(link, others) is { } folder) return $"{text} Give this job a destination folder of its own, e.g. '{folder}'.";
        return other.Remote.Destination.Length == 0
            ? $"{text} {Capitalised(owner)} uses the root, which contains every folder: give {owner} a destination folder first, or use another module or path."
            : $"{text} Choose a folder outside {RemoteDestination.Describe(other.Remote.Destination)}, or use another module or path.";
    }

    private static bool IsSameJob(DestinationLink a, DestinationLink b) => a.JobId == b.JobId && a.JobName == b.JobName;

    /// <summary>The warnings of a job whose stored links overlap another's (data from before the rule).</summary>
    public static IReadOnlyList<string> Warnings(int jobId, IReadOnlyCollection<DestinationLink> all)
    {
        var warnings = new List<string>();
        foreach (var link in all.Where(l => l.JobId == jobId))
            foreach (var other in all.Where(o => o.JobId != jobId && RemoteDestination.Overlaps(link.Remote, o.Remote)))
                warnings.Add($"overlaps job '{other.JobName}' on remote '{link.Remote.Name}' ({RemoteDestination.Describe(link.Remote.Destination)} and " +
                             $"{RemoteDestination.Describe(other.Remote.Destination)}): deletes of one may remove the other's files; give each job its own destination folder");
        return warnings;
    }

    /// <summary>The job's name as a folder, or with a number, when that overlaps nothing; null when no folder can help.</summary>
    private static string? Suggestion(DestinationLink link, IReadOnlyCollection<DestinationLink> others)
    {
        var name = RemoteDestination.Suggest(link.JobName);
        // A sibling of the folder asked for: inside it would overlap the same job again.
        var destination = link.Remote.Destination;
        var parent = destination.Contains('/') ? destination[..(destination.LastIndexOf('/') + 1)] : "";
        // Then at the top: a folder nested in another job's folder has no free sibling.
        return new[] { parent, "" }.Distinct().SelectMany(at => Enumerable.Range(1, 9).Select(i => at + (i == 1 ? name : $"{name}-{i}")))
            .FirstOrDefault(folder => !others.Any(o => RemoteDestination.Overlaps(link.Remote with { Destination = folder }, o.Remote)));
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
