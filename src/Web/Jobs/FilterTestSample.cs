namespace SyncConsole.Web.Jobs;

public sealed record FilterTestSample(string Path, bool Excluded);
