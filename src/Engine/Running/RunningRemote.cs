using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.Running;

/// <summary>One remote of a running job, as configured, with its live status.</summary>
public sealed record RunningRemote(JobDefinition Job, RemoteDefinition Remote, RemoteStatus Status);
