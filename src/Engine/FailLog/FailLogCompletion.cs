namespace SyncConsole.Engine.FailLog;

/// <summary>The claimed entry after <see cref="IFailLog.CompleteAsync"/>, and the pending entry made of failures recorded during the claim, if it was closed.</summary>
public sealed record FailLogCompletion(FailLogEntrySnapshot Entry, long? FollowUpId, int FollowUpPaths);
