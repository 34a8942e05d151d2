namespace SyncConsole.Web.Jobs;

public sealed record FilterTestResult(IReadOnlyList<FilterTestSample> Samples, IReadOnlyList<string> Errors);
