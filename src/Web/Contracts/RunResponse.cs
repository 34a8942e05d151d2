namespace SyncConsole.Web.Contracts;

/// <summary>One rsync run as <c>/api/runs/{id}</c> gives it: the list item plus the tail of rsync's stderr.</summary>
public sealed record RunResponse : RunSummaryResponse
{
    public string? StderrTail { get; init; }
}
