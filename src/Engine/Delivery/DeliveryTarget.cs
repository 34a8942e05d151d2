using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Engine.Delivery;

/// <summary>
/// One job's delivery to one remote, prepared once when its worker starts (an edit restarts the job, so it never
/// changes): the settings checked, the job's filter compiled, the destination folder inside the module or path,
/// and which delete method works there. Every run of the pair (realtime, full sync, make identical, retry) uses it.
/// </summary>
public sealed class DeliveryTarget : IDisposable
{
    private readonly Lazy<PathFilter> filter;
    private volatile string? filteredDeleteReason;

    private DeliveryTarget(JobDefinition job, RemoteDefinition remote, bool filteredDelete)
    {
        Job = job;
        Remote = remote;
        Problems = [.. RsyncOptionValidator.ValidateJob(job), .. RsyncOptionValidator.ValidateRemote(remote)];
        filter = new Lazy<PathFilter>(() => PathFilter.ForJob(job));
        if (filteredDelete) filteredDeleteReason = "forced";
    }

    /// <param name="filteredDelete">Start with the filtered-delete method (forced by the options, or already found
    /// necessary for this pair, e.g. by its running worker).</param>
    public static DeliveryTarget Create(JobDefinition job, RemoteDefinition remote, bool filteredDelete = false) => new(job, remote, filteredDelete);

    public JobDefinition Job { get; }

    /// <summary>The remote with the job's <see cref="RemoteDefinition.Destination"/> folder.</summary>
    public RemoteDefinition Remote { get; }

    /// <summary>The folder inside the module or path every command line targets ("" = its root).</summary>
    public string Destination => Remote.Destination;

    /// <summary>Why rsync must not run with these settings; empty when it may.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The job's live filter, compiled on first use (only a new folder's delivery needs it).</summary>
    public PathFilter Filter => filter.Value;

    /// <summary>True when deletes use the filtered-delete method (forced, or the remote's rsync broke <c>--delete-missing-args</c>).</summary>
    public bool UsesFilteredDelete => filteredDeleteReason is not null;

    /// <summary>The remote's rsync cannot <c>--delete-missing-args</c>: from now on deletes use the filtered-delete method.</summary>
    internal void SwitchToFilteredDelete(string reason) => filteredDeleteReason = reason;

    /// <summary>
    /// The remote's private folder for the password and filter files, kept while the worker runs (null for a one-off
    /// target, whose runs each make and remove their own). Removed by <see cref="Dispose"/>.
    /// </summary>
    public RsyncPrivateFiles? PrivateFiles { get; init; }

    internal DeliveryTarget WithPrivateFiles(RsyncPrivateFiles files) =>
        new(Job, Remote, UsesFilteredDelete) { PrivateFiles = files };

    public void Dispose() => PrivateFiles?.Dispose();

    public override string ToString() => $"{Job.Name} -> {RsyncCommandBuilder.Destination(Remote)}";
}
