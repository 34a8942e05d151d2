namespace SyncConsole.Web.Contracts;

/// <summary>The public liveness answer: nothing beyond "the process runs" and "the database answers".</summary>
public sealed record HealthResponse(string Status, string Database);
