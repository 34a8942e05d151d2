using SyncConsole.Engine.Plugins;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Jobs;
using SyncConsole.Engine.Legacy;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Remotes;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Import;

/// <summary>
/// Imports one sersync confxml.xml as one job. A dry run parses, validates and reports and writes nothing. A real
/// import stores the job, its remotes, filters, plugin and schedule in ONE transaction, only when the report has no
/// errors and the API's own validators accept every part, then tells the engine.
/// </summary>
public sealed class ConfxmlImportService(
    IDbContextFactory<SyncConsoleDbContext> dbFactory,
    SecretProtector protector,
    JobChangeNotifier notifier,
    TimeProvider clock,
    SyncConsole.Web.Hosting.SystemSettingsStore systemSettings)
{
    /// <param name="destinations">The job's destination folder on its remotes: none (every remote at its root, as
    /// sersync), one (for every remote), or one per remote in the file's order.</param>
    public async Task<ConfxmlImportResult> ImportAsync(
        ReadOnlyMemory<byte> content, string? jobName, bool dryRun, PasswordFileAccess access, CancellationToken cancellationToken,
        IReadOnlyList<string?>? destinations = null)
    {
        var importOptions = new ConfxmlImportOptions
        {
            JobName = string.IsNullOrWhiteSpace(jobName) ? null : jobName.Trim(),
            ReadPasswordFile = access == PasswordFileAccess.AnyReadable
                ? RsyncPasswordFile.TryRead
                : PasswordFilePolicy.Restricted(systemSettings.PasswordFileDirectories),
        };
        var plan = new ConfxmlImporter(importOptions).Import(content.Span);
        if (!plan.CanImport) return new ConfxmlImportResult { Plan = plan, DryRun = dryRun };

        var lines = new SourceLines(content.Span);
        plan = plan with { Job = WithDestinations(plan.Job!, destinations, plan.Report, lines) };
        var job = plan.Job!;
        var settings = plan.Settings!;
        var jobRequest = ToJobRequest(job, settings);
        Validate(plan.Report, JobValidator.Validate(jobRequest, out _), lines, job);
        foreach (var remote in job.Remotes)
            Validate(plan.Report, RemoteValidator.Validate(ToRemoteRequest(remote), out _), lines, job, remote);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Jobs.AnyAsync(j => j.Name == job.Name, cancellationToken))
            plan.Report.Error(NameTakenMessage(job.Name));
        var remotes = await PlanRemotesAsync(db, job.Remotes, cancellationToken);
        foreach (var remote in remotes.Where(r => r.ExistingId is not null))
        {
            plan.Report.Info($"remote \"{remote.Definition.Name}\" already exists as remote #{remote.ExistingId} \"{remote.Name}\" (same host, transport, module or path, user and port): it is reused as it is, with its stored password and settings");
            if (remote.Definition.Password is { } filePassword && remote.StoredPassword != filePassword)
                plan.Report.Warn($"the password file's password differs from the one stored for remote #{remote.ExistingId} \"{remote.Name}\" (or none is stored); the stored one is kept: change it on the remote if the file is right");
        }
        // A second file naming the same module would otherwise mirror its (other) folder over the first job's files.
        var links = await DestinationConflicts.LoadAsync(db, cancellationToken);
        var mine = remotes.Select(r => new DestinationLink(0, job.Name, r.Definition with { Name = r.Name })).ToList();
        for (var i = 0; i < mine.Count; i++)
            if (DestinationConflicts.Problem(mine[i], [.. links, .. mine.Take(i)]) is { } overlap)
                plan.Report.Error(overlap + " (set a destination folder for this remote: ?destination=... or the Import page)", RemoteLine(lines, mine[i].Remote));
        foreach (var remote in remotes.Where(r => r.ExistingId is null && r.Name != r.Definition.Name))
            plan.Report.Warn($"a different remote is already named \"{remote.Definition.Name}\": the new one is named \"{remote.Name}\"");
        if (job.RsyncParams.Trim().Length == 0)
            plan.Report.Warn("the empty commonParams is stored as SyncConsole's default \"-artuz\", as the API does");

        var result = new ConfxmlImportResult { Plan = plan, DryRun = dryRun, Remotes = remotes };
        if (dryRun || plan.Report.HasErrors) return result;

        var jobId = await StoreAsync(db, job, settings, remotes, plan.Report, cancellationToken);
        if (jobId is null) return result with { Remotes = remotes };
        notifier.NotifyChanged();
        return result with { JobId = jobId };
    }

    /// <summary>The destination folders asked for, checked like the API's; a bad one is a report error at its remote.</summary>
    private static JobDefinition WithDestinations(JobDefinition job, IReadOnlyList<string?>? destinations, ImportReport report, SourceLines lines)
    {
        var given = (destinations ?? []).Select(RemoteDestination.Normalise).ToList();
        if (given.Count == 0) return job;
        if (given.Count > 1 && given.Count != job.Remotes.Count)
        {
            report.Error($"{given.Count} destination folders were given for {job.Remotes.Count} remote(s): give one for every remote, or one for all");
            return job;
        }
        var remotes = new List<RemoteDefinition>();
        for (var i = 0; i < job.Remotes.Count; i++)
        {
            var destination = given.Count == 1 ? given[0] : given[i];
            if (RemoteDestination.Problem(destination) is { } problem)
            {
                report.Error($"remote \"{job.Remotes[i].Name}\": destination: {problem}", RemoteLine(lines, job.Remotes[i]));
                destination = "";
            }
            remotes.Add(job.Remotes[i] with { Destination = destination });
        }
        return job with { Remotes = remotes };
    }

    private static int? RemoteLine(SourceLines lines, RemoteDefinition remote) => lines.Find($"\"{remote.Host}\"") ?? lines.Find("<remote");

    private static string NameTakenMessage(string name) =>
        $"a job named \"{name}\" already exists; import under another name (?name=... or --name ...)";

    // All or nothing: remotes first (the job links to their ids), then the job with its links, rules and plugin.
    private async Task<int?> StoreAsync(
        SyncConsoleDbContext db, JobDefinition job, ConfxmlJobSettings settings, IReadOnlyList<RemotePlan> remotes,
        ImportReport report, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var created = remotes.Where(r => r.ExistingId is null)
                .ToDictionary(r => r, r => ToEntity(r, now));
            db.Remotes.AddRange(created.Values);
            await db.SaveChangesAsync(cancellationToken);

            var entity = new SyncJob
            {
                Name = job.Name,
                WatchPath = job.WatchPath,
                Enabled = true,
                Events = job.Events,
                RsyncParams = string.IsNullOrWhiteSpace(job.RsyncParams) ? "-artuz" : job.RsyncParams.Trim(),
                DeleteEnabled = job.DeleteEnabled,
                IgnoreTempFiles = job.IgnoreTempFiles,
                InitialFullSync = job.InitialFullSync,
                FullSyncIntervalMinutes = settings.FullSyncIntervalMinutes,
                RetryIntervalMinutes = settings.RetryIntervalMinutes,
                Debug = settings.Debug,
                CreatedAt = now,
                UpdatedAt = now,
            };
            foreach (var remote in remotes)
                entity.JobRemotes.Add(new JobRemote { RemoteId = remote.ExistingId ?? created[remote].Id, Destination = remote.Definition.Destination });
            entity.FilterRules.AddRange(job.ExcludeRegexes.Select((e, i) => new FilterRule { Kind = FilterRuleKind.LiveRegex, Expression = e, Order = i }));
            entity.FilterRules.AddRange(job.FullSyncExcludes.Select((e, i) => new FilterRule { Kind = FilterRuleKind.FullSyncPattern, Expression = e.Trim(), Order = i }));
            if (settings.EnabledPlugin is { } kind)
                entity.Plugins.Add(new PluginConfig { Kind = kind, Enabled = true, SettingsJson = PluginSettingsSerializer.Serialize(StoredPluginSettings(kind, settings)) });
            db.Jobs.Add(entity);
            await db.SaveChangesAsync(cancellationToken);

            await transaction.CommitAsync(cancellationToken);
            return entity.Id;
        }
        catch (DbUpdateException e)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            var nameTaken = await NameTakenAsync(job.Name);
            report.Error(nameTaken
                ? NameTakenMessage(job.Name) + " (created while this import ran); nothing was imported"
                : $"the database refused the import ({e.InnerException?.Message ?? e.Message}); nothing was imported");
            return null;
        }
    }

    private async Task<bool> NameTakenAsync(string name)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Jobs.AnyAsync(j => j.Name == name);
    }

    private Remote ToEntity(RemotePlan plan, DateTimeOffset now)
    {
        var r = plan.Definition;
        return new Remote
        {
            Name = plan.Name,
            Host = r.Host,
            Transport = r.Transport,
            ModuleOrPath = r.ModuleOrPath,
            User = r.User,
            ProtectedPassword = r.Password is null ? null : protector.Protect(r.Password),
            Port = r.Port,
            TimeoutSeconds = r.TimeoutSeconds,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    // Reuse, not duplicate: several confxml.xml files of one machine usually push to the same daemon, and a remote
    // is shared between jobs anyway. Identity is where rsync connects and as whom; the stored copy wins.
    private async Task<IReadOnlyList<RemotePlan>> PlanRemotesAsync(
        SyncConsoleDbContext db, IReadOnlyList<RemoteDefinition> remotes, CancellationToken cancellationToken)
    {
        var existing = await db.Remotes.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var names = existing.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var plans = new List<RemotePlan>();
        foreach (var remote in remotes)
        {
            var same = existing.FirstOrDefault(r => r.Host == remote.Host && r.Transport == remote.Transport &&
                                                    r.ModuleOrPath == remote.ModuleOrPath && r.User == remote.User && r.Port == remote.Port);
            if (same is not null)
            {
                plans.Add(new RemotePlan(remote, same.Name, same.Id)
                {
                    StoredPassword = same.ProtectedPassword is null ? null : protector.Unprotect(same.ProtectedPassword),
                });
                continue;
            }
            var name = remote.Name;
            for (var i = 2; names.Contains(name); i++) name = $"{remote.Name} ({i})";
            names.Add(name);
            plans.Add(new RemotePlan(remote, name, null));
        }
        return plans;
    }

    internal static JobRequest ToJobRequest(JobDefinition job, ConfxmlJobSettings settings) => new()
    {
        Name = job.Name,
        WatchPath = job.WatchPath,
        Enabled = true,
        Events = SyncEventNames.ToNames(job.Events),
        RsyncParams = job.RsyncParams,
        DeleteEnabled = job.DeleteEnabled,
        IgnoreTempFiles = job.IgnoreTempFiles,
        // sersync's split: its full syncs never applied filter/exclude.
        FullSyncUsesLiveExcludes = false,
        InitialFullSync = job.InitialFullSync,
        FullSyncIntervalMinutes = settings.FullSyncIntervalMinutes,
        RetryIntervalMinutes = settings.RetryIntervalMinutes,
        Debug = settings.Debug,
        ExcludeRegexes = job.ExcludeRegexes,
        FullSyncExcludes = job.FullSyncExcludes,
    };

    internal static RemoteRequest ToRemoteRequest(RemoteDefinition remote) => new()
    {
        Name = remote.Name,
        Host = remote.Host,
        Transport = remote.Transport == RemoteTransport.Ssh ? "ssh" : "daemon",
        ModuleOrPath = remote.ModuleOrPath,
        User = remote.User,
        Password = remote.Password,
        Port = remote.Port,
        TimeoutSeconds = remote.TimeoutSeconds,
    };

    // The validators know JSON field names, not lines: point at the element the field came from.
    private static void Validate(ImportReport report, Dictionary<string, string[]> errors, SourceLines lines, JobDefinition job, RemoteDefinition? remote = null)
    {
        foreach (var (field, messages) in errors)
        {
            var line = field switch
            {
                "name" when remote is null => null,
                "rsyncParams" => lines.Find("commonParams"),
                "watchPath" => lines.Find("localpath"),
                "events" => lines.Find("<inotify"),
                "excludeRegexes" => lines.Find("<filter"),
                "fullSyncExcludes" => lines.Find("crontabfilter"),
                "fullSyncIntervalMinutes" => lines.Find("<crontab"),
                "retryIntervalMinutes" => lines.Find("failLog"),
                "password" => lines.Find("passwordfile"),
                "port" => lines.Find("userDefinedPort"),
                "timeoutSeconds" => lines.Find("<timeout"),
                "user" => lines.Find("users"),
                _ when remote is not null => lines.Find($"\"{remote.Host}\"") ?? lines.Find("<remote"),
                _ => null,
            };
            var subject = remote is null ? $"job \"{job.Name}\"" : $"remote \"{remote.Name}\"";
            foreach (var message in messages)
                report.Error($"{subject}: {field}: {message} (the API would refuse it too)", line);
        }
    }

    /// <summary>The enabled plugin's settings as stored: the refreshCDN password protected like remote passwords.</summary>
    private object StoredPluginSettings(PluginKind kind, ConfxmlJobSettings settings) => kind switch
    {
        PluginKind.Command => settings.Command ?? new CommandPluginSettings(),
        PluginKind.Socket => settings.Socket!,
        PluginKind.RefreshCdn => settings.RefreshCdn! with
        {
            Password = string.IsNullOrEmpty(settings.RefreshCdn.Password) ? null : protector.Protect(settings.RefreshCdn.Password),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "sersync has no such plugin."),
    };
}
