using SyncConsole.Engine.Jobs;

namespace SyncConsole.Engine.FailLog;

/// <summary>Where a retry finds the job as it is configured now (src/Web reads it from the database).</summary>
public interface IJobDefinitions
{
    /// <summary>The job, enabled or not; null when it does not exist.</summary>
    Task<JobDefinition?> LoadAsync(int jobId, CancellationToken cancellationToken);
}
