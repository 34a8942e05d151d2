using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.FailLog;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// The system settings the Settings page and <c>/api/settings/system</c> change. Stored values override
/// appsettings.json and take effect at once: the retry policy's interval (the retry schedules are rebuilt), the
/// rsync cap (shrinking waits for running rsyncs to end) and the import's password-file folders.
/// </summary>
public sealed class SystemSettingsStore(
    IDbContextFactory<SyncConsoleDbContext> dbFactory,
    IOptions<SyncConsoleOptions> options,
    FailLogRetryPolicy retryPolicy,
    RsyncConcurrencyLimiter limiter,
    JobChangeNotifier notifier,
    TimeProvider clock)
{
    public const int MaxRetryIntervalMinutes = 7 * 24 * 60;
    public const int MaxRsyncProcesses = 256;
    private const int MaxFolders = 32;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private volatile IReadOnlyList<string>? passwordFileDirectories;

    /// <summary>The folders a web import may read rsync password files from.</summary>
    public IReadOnlyList<string> PasswordFileDirectories => passwordFileDirectories ?? options.Value.Import.EffectivePasswordFileDirectories;

    public SystemSettingsDto Current => new()
    {
        RetryIntervalMinutes = retryPolicy.DefaultIntervalMinutes,
        MaxConcurrentRsync = limiter.Max,
        PasswordFileDirectories = PasswordFileDirectories,
    };

    /// <summary>Applies the stored values at startup (after the migrations).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == AppSettingKeys.SystemSettings, cancellationToken);
        if (row is null) return;
        SystemSettingsDto? stored;
        try { stored = JsonSerializer.Deserialize<SystemSettingsDto>(row.Value, Json); }
        catch (JsonException) { return; }
        // A stored value is used only if it still passes validation.
        if (stored is not null && Validate(stored).IsEmpty) Apply(stored);
    }

    /// <summary>Checks the whole request first; bad input changes nothing.</summary>
    public async Task<StoreResult<SystemSettingsDto>> SaveAsync(SystemSettingsDto request, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (!errors.IsEmpty) return StoreResult<SystemSettingsDto>.Invalid(errors.ToDictionary());
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var current = Current;
            var merged = new SystemSettingsDto
            {
                RetryIntervalMinutes = request.RetryIntervalMinutes ?? current.RetryIntervalMinutes,
                MaxConcurrentRsync = request.MaxConcurrentRsync ?? current.MaxConcurrentRsync,
                PasswordFileDirectories = request.PasswordFileDirectories is { } dirs ? Normalize(dirs) : current.PasswordFileDirectories,
            };
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var row = await db.Settings.SingleOrDefaultAsync(s => s.Key == AppSettingKeys.SystemSettings, cancellationToken);
            if (row is null) db.Settings.Add(row = new AppSetting { Key = AppSettingKeys.SystemSettings, Value = "" });
            row.Value = JsonSerializer.Serialize(merged, Json);
            row.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            var retryChanged = merged.RetryIntervalMinutes != current.RetryIntervalMinutes;
            Apply(merged);
            // The retry schedules carry the interval; rebuilding them picks up the new one.
            if (retryChanged) notifier.NotifyChanged();
            return StoreResult<SystemSettingsDto>.Ok(Current);
        }
        finally { writeLock.Release(); }
    }

    public static ValidationErrors Validate(SystemSettingsDto request)
    {
        var errors = new ValidationErrors();
        if (request.RetryIntervalMinutes is { } retry && (retry < 1 || retry > MaxRetryIntervalMinutes))
            errors.Add("retryIntervalMinutes", $"The retry interval must be between 1 and {MaxRetryIntervalMinutes} minutes.");
        if (request.MaxConcurrentRsync is { } max && (max < 1 || max > MaxRsyncProcesses))
            errors.Add("maxConcurrentRsync", $"The number of rsync processes at once must be between 1 and {MaxRsyncProcesses}.");
        if (request.PasswordFileDirectories is { } dirs)
        {
            if (dirs.Count > MaxFolders) errors.Add("passwordFileDirectories", $"At most {MaxFolders} folders.");
            foreach (var dir in dirs)
            {
                var d = dir?.Trim() ?? "";
                if (d.Length == 0 || !Path.IsPathFullyQualified(d) || d.Contains('\0'))
                    errors.Add("passwordFileDirectories", $"'{dir}' is not an absolute folder path.");
                else if (Path.TrimEndingDirectorySeparator(d) is "/" || d.Split('/').Contains(".."))
                    errors.Add("passwordFileDirectories", $"'{dir}' is not allowed: name a folder below the root without '..'.");
            }
        }
        return errors;
    }

    private static IReadOnlyList<string> Normalize(IEnumerable<string> dirs) =>
        dirs.Select(d => Path.TrimEndingDirectorySeparator(d.Trim())).Distinct(StringComparer.Ordinal).ToList();

    private void Apply(SystemSettingsDto settings)
    {
        if (settings.RetryIntervalMinutes is { } retry) retryPolicy.DefaultIntervalMinutes = retry;
        if (settings.MaxConcurrentRsync is { } max && max != limiter.Max) limiter.Resize(max);
        if (settings.PasswordFileDirectories is { } dirs) passwordFileDirectories = Normalize(dirs);
    }
}
