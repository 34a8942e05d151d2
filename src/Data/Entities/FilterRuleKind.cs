namespace SyncConsole.Data.Entities;

public enum FilterRuleKind
{
    /// <summary>A regex for real-time events (sersync's filter/exclude).</summary>
    LiveRegex = 0,
    /// <summary>An rsync exclude pattern for full syncs (sersync's crontabfilter/exclude).</summary>
    FullSyncPattern = 1,
}
