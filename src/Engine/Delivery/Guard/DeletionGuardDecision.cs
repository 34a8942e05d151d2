using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Delivery.Guard;

/// <summary>
/// What the deletion guard decided for one run to one remote, with the numbers it decided on. Pure: <see cref="Decide"/>
/// is the whole rule, so it is unit-tested without rsync.
/// </summary>
public sealed record DeletionGuardDecision
{
    /// <summary>Entries (files, folders, links) the run would delete on the remote.</summary>
    public required int WouldDelete { get; init; }
    /// <summary>Entries on the remote now (outside the job's full-sync excludes, which a full sync never deletes).</summary>
    public required int RemoteEntries { get; init; }
    /// <summary>Why the run is held; empty when it may go.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }
    /// <summary>The largest number of deletes the share rule lets through (the real run's <c>--max-delete</c>).</summary>
    public required int AllowedDeletes { get; init; }
    /// <summary>A few of the paths that would go, for the message.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];
    /// <summary>The watch folder had no entry when the check ran.</summary>
    public bool WatchFolderEmpty { get; init; }

    public bool Hold => Reasons.Count > 0;

    /// <summary>e.g. "held: would delete 20000 of 20412 remote entries; the watch folder is empty".</summary>
    public string Describe(string? remoteName = null) =>
        $"{(Hold ? "held: " : "")}would delete {WouldDelete} of {RemoteEntries} remote entries{(remoteName is null ? "" : $" on '{remoteName}'")}"
        + (Hold ? "; " + string.Join("; ", Reasons) : "");

    /// <param name="watchFolderEmpty">The watch folder has no entry at all.</param>
    /// <param name="deviceNow">The watch folder's file system now (<see cref="WatchFolderDevice"/>); null when unknown.</param>
    /// <param name="lastHealthyDevice">Its file system after the job's last successful full sync; null when never recorded.</param>
    public static DeletionGuardDecision Decide(DeletionGuardSettings settings, int wouldDelete, int remoteEntries, bool watchFolderEmpty,
        string? deviceNow, string? lastHealthyDevice, IReadOnlyList<string>? examples = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wouldDelete);
        // The dry run counts can only disagree if the remote changed between its two lists; never below what goes.
        remoteEntries = Math.Max(remoteEntries, wouldDelete);
        var allowed = AllowedFor(settings, remoteEntries);
        var reasons = new List<string>();
        if (wouldDelete > 0)
        {
            if (watchFolderEmpty) reasons.Add("the watch folder is empty");
            if (deviceNow is not null && lastHealthyDevice is not null && deviceNow != lastHealthyDevice)
                reasons.Add($"the watch folder is on another file system than when the job was last healthy (now {deviceNow}, was {lastHealthyDevice}), perhaps an unmounted disk");
            if (wouldDelete > allowed)
                reasons.Add($"that is {Percent(wouldDelete, remoteEntries)} % of the remote, more than the job's limit of {settings.MaxSharePercent} % (and at least {settings.MinCount})");
        }
        return new DeletionGuardDecision
        {
            WouldDelete = wouldDelete, RemoteEntries = remoteEntries, Reasons = reasons, AllowedDeletes = allowed, Examples = examples ?? [],
            WatchFolderEmpty = watchFolderEmpty,
        };
    }

    /// <summary>
    /// Deletes pass the share rule while fewer than the minimum count, or no more than the share: the larger of the two.
    /// </summary>
    public static int AllowedFor(DeletionGuardSettings settings, int remoteEntries)
    {
        var share = (int)Math.Min(int.MaxValue, (long)remoteEntries * Math.Clamp(settings.MaxSharePercent, 0, 100) / 100);
        return Math.Max(Math.Max(0, settings.MinCount - 1), share);
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "100" : Math.Floor(100.0 * part / whole).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
