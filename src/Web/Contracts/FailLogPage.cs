namespace SyncConsole.Web.Contracts;

/// <summary><c>GET /api/faillog</c>: one page of entries, newest failure first, and how many match in all.</summary>
public sealed record FailLogPage(IReadOnlyList<FailLogEntryResponse> Items, int Total, int Page, int PageSize);
