using Microsoft.Extensions.Logging;
using SyncConsole.Engine.Coalescing;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Engine.Running;

/// <summary>
/// sersync's <c>-m plugin</c> mode: the job has no rsync at all. Changes are coalesced like a remote's and each
/// batch goes straight to the job's plugins.
/// </summary>
internal sealed class PluginOnlyWorker(JobDefinition job, PluginDispatcher plugins, TimeProvider clock, ILogger logger) : IAsyncDisposable
{
    private readonly ChangeCoalescer pending = ChangeCoalescer.ForJob(job, clock);
    private readonly CancellationTokenSource stopping = new();
    private Task loop = Task.CompletedTask;

    public int PendingPaths => pending.Count;

    public void Add(ChangedPath change) => pending.Add(change);

    public void Start() => loop = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var batch = await pending.NextBatchAsync(stopping.Token).ConfigureAwait(false);
                if (batch.Count > 0) plugins.Notify(new DeliveredBatch { Job = job, Paths = batch, Time = clock.GetUtcNow() });
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                logger.LogError(e, "Plugin-only loop of job {Job} failed; continuing", job.Name);
                await Task.Delay(TimeSpan.FromSeconds(1), clock, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await loop.ConfigureAwait(false);
        stopping.Dispose();
    }
}
