using Quartz;
using SyncConsole.Web.History;

namespace SyncConsole.Web.Scheduling;

/// <summary>Runs <see cref="HistoryPruner"/> a minute after start and every six hours.</summary>
[DisallowConcurrentExecution]
public sealed class HistoryPruneJob(HistoryPruner pruner) : IJob
{
    public static readonly JobKey Key = new("history-prune", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await pruner.PruneAsync(cancellationToken);
}
