namespace SyncConsole.Engine.FailLog;

/// <summary>The answer to a claim or a discard: the entry as it is now, and why nothing was done when so.</summary>
public sealed record FailLogClaim(FailLogClaimStatus Status, FailLogEntrySnapshot? Entry, string? Reason = null)
{
    public bool Succeeded => Status == FailLogClaimStatus.Done;
}
