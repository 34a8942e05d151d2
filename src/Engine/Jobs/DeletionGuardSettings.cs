namespace SyncConsole.Engine.Jobs;

/// <summary>
/// A job's deletion guard (see <see cref="Delivery.Guard.DeletionGuard"/>): before a run that deletes by comparison, a
/// dry run counts what would go, and the run is held when the share of the remote's entries that would be deleted is
/// more than <see cref="MaxSharePercent"/> and at least <see cref="MinCount"/>.
/// </summary>
public sealed record DeletionGuardSettings
{
    public const int DefaultMaxSharePercent = 50;
    public const int DefaultMinCount = 100;

    public bool Enabled { get; init; } = true;
    /// <summary>Hold when more than this share (0 to 100) of the remote's entries would be deleted.</summary>
    public int MaxSharePercent { get; init; } = DefaultMaxSharePercent;
    /// <summary>...and at least this many: deleting 3 of 4 files is no disaster.</summary>
    public int MinCount { get; init; } = DefaultMinCount;
}
