using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Data;

/// <summary>Turns stored rows into what the engine runs.</summary>
public static class JobDefinitionMapper
{
    /// <summary>
    /// Needs <see cref="SyncJob.FilterRules"/>, <see cref="SyncJob.Plugins"/> and <see cref="SyncJob.JobRemotes"/> with their remotes loaded.
    /// <paramref name="unprotectPassword"/> turns a stored protected password back into plaintext.
    /// </summary>
    public static JobDefinition ToDefinition(SyncJob job, Func<string, string> unprotectPassword) => new()
    {
        Id = job.Id,
        Name = job.Name,
        WatchPath = job.WatchPath.Length > 1 ? job.WatchPath.TrimEnd('/') : job.WatchPath,
        Events = job.Events,
        DeleteEnabled = job.DeleteEnabled,
        RsyncParams = job.RsyncParams,
        ExcludeRegexes = RulesOf(job, FilterRuleKind.LiveRegex),
        FullSyncExcludes = RulesOf(job, FilterRuleKind.FullSyncPattern),
        FullSyncUsesLiveExcludes = job.FullSyncUsesLiveExcludes,
        IgnoreTempFiles = job.IgnoreTempFiles,
        SettleDelay = TimeSpan.FromMilliseconds(job.CoalescingDelayMs),
        MaxBatchPaths = job.MaxBatchPaths,
        // The engine cannot know what changed while the job was not running (host down, paused, being edited).
        InitialFullSync = job.InitialFullSync || job.ReconcileAfterTrouble,
        ReconcileAfterTrouble = job.ReconcileAfterTrouble,
        PluginOnly = job.PluginOnly,
        // Not LastHealthyDevice: the engine writes it while the job runs, and a definition change restarts the job.
        DeletionGuard = new DeletionGuardSettings
        {
            Enabled = job.DeletionGuardEnabled, MaxSharePercent = job.DeletionGuardMaxSharePercent, MinCount = job.DeletionGuardMinCount,
        },
        // A row the API would not have accepted (hand-edited, from an old import) is skipped rather than stopping every job.
        Plugins = job.Plugins.Where(p => p.Enabled).OrderBy(p => p.Id)
            .Select(p => TryToDefinition(p, unprotectPassword)).OfType<PluginDefinition>().ToList(),
        Remotes = job.JobRemotes
            .OrderBy(jr => jr.RemoteId)
            .Select(jr => ToDefinition(jr.Remote ?? throw new InvalidOperationException($"Remote {jr.RemoteId} of job {job.Id} was not loaded."), unprotectPassword)
                with { Destination = jr.Destination })
            .ToList(),
    };

    public static RemoteDefinition ToDefinition(Remote remote, Func<string, string> unprotectPassword) => new()
    {
        Id = remote.Id,
        Name = remote.Name,
        Host = remote.Host,
        Transport = remote.Transport,
        ModuleOrPath = remote.ModuleOrPath,
        User = remote.User,
        Password = remote.ProtectedPassword is null ? null : unprotectPassword(remote.ProtectedPassword),
        Port = remote.Port,
        TimeoutSeconds = remote.TimeoutSeconds,
        SshKeyPath = remote.SshKeyPath,
        KnownHostsPath = remote.KnownHostsPath,
        ExtraArgs = remote.ExtraArgs,
        BandwidthLimitKbps = remote.BandwidthLimitKbps,
    };

    public static PluginDefinition ToDefinition(PluginConfig plugin, Func<string, string> unprotectPassword)
    {
        var settings = PluginSettingsSerializer.Deserialize(plugin.Kind, plugin.SettingsJson);
        if (settings is RefreshCdnPluginSettings { Password: { } stored } cdn)
            settings = cdn with { Password = unprotectPassword(stored) };
        return new PluginDefinition(plugin.Kind, settings);
    }

    private static PluginDefinition? TryToDefinition(PluginConfig plugin, Func<string, string> unprotectPassword)
    {
        try { return ToDefinition(plugin, unprotectPassword); }
        catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentOutOfRangeException) { return null; }
    }

    private static List<string> RulesOf(SyncJob job, FilterRuleKind kind) =>
        job.FilterRules.Where(f => f.Kind == kind).OrderBy(f => f.Order).Select(f => f.Expression).ToList();
}
