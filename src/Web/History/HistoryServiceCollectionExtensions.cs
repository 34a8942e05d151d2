namespace SyncConsole.Web.History;

public static class HistoryServiceCollectionExtensions
{
    /// <summary>Sync-run history: the one query History and <c>/api/runs</c> read, and the pruner that keeps it bounded.</summary>
    public static IServiceCollection AddSyncHistory(this IServiceCollection services)
    {
        services.AddSingleton<SyncRunQuery>();
        services.AddSingleton<HistoryPruner>();
        return services;
    }
}
