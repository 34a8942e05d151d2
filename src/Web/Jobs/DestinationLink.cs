using SyncConsole.Engine.Jobs;

namespace SyncConsole.Web.Jobs;

/// <summary>One job–remote link as the overlap rule sees it: <see cref="Remote"/> carries the job's destination folder.</summary>
public sealed record DestinationLink(int JobId, string JobName, RemoteDefinition Remote);
