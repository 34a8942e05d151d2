using SyncConsole.Engine.Delivery;

namespace SyncConsole.Web.History;

/// <summary>What the History page narrows the sync runs to; null means any.</summary>
public sealed record SyncRunFilter
{
    public int? JobId { get; init; }
    public int? RemoteId { get; init; }
    public RunKind? Kind { get; init; }
    public bool FailedOnly { get; init; }
}
