namespace SyncConsole.Engine.FailLog;

public enum FailLogClaimStatus
{
    /// <summary>The entry is now ours (claimed, or discarded for <see cref="IFailLog.DiscardAsync"/>).</summary>
    Done,
    NotFound,
    /// <summary>Resolved, discarded, or claimed by another retry.</summary>
    NotPending,
    /// <summary>Its job is paused or disabled: its entries wait until it runs again.</summary>
    JobNotRunning,
}
