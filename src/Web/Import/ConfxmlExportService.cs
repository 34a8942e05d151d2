using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Legacy;
using SyncConsole.Engine.Plugins;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Import;

/// <summary>
/// Writes a stored job back as a sersync confxml.xml. rsync passwords never appear (sersync reads them from its
/// password file). The refreshCDN passwd is the one secret sersync keeps in the file itself: it is left empty
/// unless the caller asks for it, so a download does not leak it by default.
/// </summary>
public sealed class ConfxmlExportService(
    IDbContextFactory<SyncConsoleDbContext> dbFactory, SecretProtector protector, IOptions<SyncConsoleOptions> options)
{
    /// <summary>The export, or null when no job has that id or name.</summary>
    public async Task<(ConfxmlExport? Export, string? Problem, string JobName)> ExportAsync(
        string idOrName, bool includeCdnPassword, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Jobs.AsNoTracking().AsSplitQuery()
            .Include(j => j.FilterRules).Include(j => j.Plugins).Include(j => j.JobRemotes).ThenInclude(jr => jr.Remote);
        var job = int.TryParse(idOrName, out var id)
            ? await query.SingleOrDefaultAsync(j => j.Id == id, cancellationToken) ?? await query.SingleOrDefaultAsync(j => j.Name == idOrName, cancellationToken)
            : await query.SingleOrDefaultAsync(j => j.Name == idOrName, cancellationToken);
        if (job is null) return (null, $"no job has the id or name \"{idOrName}\"", idOrName);

        // The mapper adds ReconcileAfterTrouble to InitialFullSync for the engine; the file wants the job's own -r.
        var definition = JobDefinitionMapper.ToDefinition(job, protector.Unprotect) with { InitialFullSync = job.InitialFullSync };
        var settings = Settings(job, definition, includeCdnPassword, out var notes);
        try
        {
            var export = ConfxmlExporter.Export(definition, settings);
            return (export with { Warnings = [.. export.Warnings, .. notes] }, null, job.Name);
        }
        catch (ArgumentException e)
        {
            return (null, e.Message, job.Name);
        }
    }

    private ConfxmlJobSettings Settings(SyncJob job, JobDefinition definition, bool includeCdnPassword, out List<string> notes)
    {
        notes = [];
        // The definition carries the enabled plugins in id order, the refreshCDN password already decrypted.
        var plugin = definition.Plugins.FirstOrDefault(p => p.Kind != PluginKind.Http);
        if (definition.Plugins.Count > 1)
            notes.Add("sersync runs one plugin; only the first enabled one is exported");
        var cdn = plugin?.Settings as RefreshCdnPluginSettings;
        if (cdn is not null && !includeCdnPassword && !string.IsNullOrEmpty(cdn.Password))
        {
            cdn = cdn with { Password = "" };
            notes.Add("the refreshCDN passwd is left empty (sersync exits without it): export with includeCdnPassword=true (--include-cdn-password) to write it");
        }
        var first = definition.Remotes.FirstOrDefault();
        if (job.FullSyncCron is not null)
            notes.Add($"sersync has no cron schedule; the full-sync cron \"{job.FullSyncCron}\" is not exported");
        if (job.PluginOnly)
            notes.Add("plugin-only mode is sersync's -m command-line flag, not part of confxml.xml");
        return new ConfxmlJobSettings
        {
            FullSyncIntervalMinutes = job.FullSyncIntervalMinutes,
            RetryIntervalMinutes = job.RetryIntervalMinutes ?? options.Value.RetryIntervalMinutes,
            NeedsPassword = first is { Transport: RemoteTransport.Daemon, User: not null, Password: null },
            EnabledPlugin = plugin?.Kind,
            Command = plugin?.Settings as CommandPluginSettings,
            Socket = plugin?.Settings as SocketPluginSettings,
            RefreshCdn = cdn,
            Debug = job.Debug,
        };
    }

    public static string FileName(string jobName)
    {
        var safe = new string(jobName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()).Trim('-', '.');
        return $"confxml-{(safe.Length == 0 ? "job" : safe)}.xml";
    }
}
