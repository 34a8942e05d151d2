namespace SyncConsole.Web.Contracts;

/// <summary>
/// <c>/readyz</c>'s public answer: "ready" or "unavailable", and how many checks fail (the database counts as one,
/// each enabled, unpaused job not watching as one). Names and reasons stay behind the login (job status API).
/// </summary>
public sealed record ReadinessResponse(string Status, int Failing);
