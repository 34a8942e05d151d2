using Microsoft.Extensions.Options;
using SyncConsole.Engine.Running;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Engine;

/// <summary>
/// Runs every enabled, unpaused job from the database and keeps the running set in step with edits. Stopping the
/// host stops the jobs: in-flight runs get a grace period, undelivered changes go to the fail log.
/// </summary>
public sealed class EngineHost(
    JobSupervisor supervisor,
    JobDefinitionSource source,
    JobChangeNotifier notifier,
    ILogger<EngineHost> logger) : BackgroundService
{
    private readonly SemaphoreSlim changed = new(0);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        notifier.JobsChanged += OnJobsChanged;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Several edits in a row become one reload.
                while (changed.CurrentCount > 0) await changed.WaitAsync(stoppingToken);
                try
                {
                    var jobs = await source.LoadRunnableAsync(stoppingToken);
                    await supervisor.ApplyAsync(jobs, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Could not apply the job configuration; retrying on the next change");
                }
                await changed.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            notifier.JobsChanged -= OnJobsChanged;
        }
    }

    private void OnJobsChanged(object? sender, EventArgs e) => changed.Release();

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await supervisor.DisposeAsync();
    }
}
