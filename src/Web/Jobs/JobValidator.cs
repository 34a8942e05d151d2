using SyncConsole.Engine.Filtering;
using SyncConsole.Engine.Rsync;
using System.Text.RegularExpressions;
using Quartz;
using SyncConsole.Engine.Jobs;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Jobs;

/// <summary>Checks a job request field by field; error keys are the JSON field names.</summary>
public static class JobValidator
{
    /// <summary>A verify walks both trees; more often than this would keep the remote busy for little gain.</summary>
    public const int MinVerifyIntervalMinutes = 5;
    public const int MaxVerifyIntervalMinutes = 7 * 24 * 60;
    public const int MaxDeletionGuardMinCount = 100_000_000;

    public static Dictionary<string, string[]> Validate(JobRequest request, out SyncEventMask events)
    {
        var errors = new ValidationErrors();

        if (string.IsNullOrWhiteSpace(request.Name)) errors.Add("name", "A name is required.");
        else if (request.Name.Trim().Length > 200) errors.Add("name", "The name must have at most 200 characters.");

        if (string.IsNullOrWhiteSpace(request.WatchPath)) errors.Add("watchPath", "A watch path is required.");
        // Bounded before the other rules, which echo the value into their messages.
        else if (request.WatchPath.Length > MaxTextLength) errors.Add("watchPath", $"The watch path must have at most {MaxTextLength} characters ({request.WatchPath.Length} given).");
        else if (!request.WatchPath.StartsWith('/')) errors.Add("watchPath", $"The watch path must be absolute (start with '/'): '{request.WatchPath}'.");
        else if (!IsNormalised(request.WatchPath))
            errors.Add("watchPath", $"The watch path must be normalised (no '.', '..' or empty segments): '{request.WatchPath}'; did you mean '{Path.GetFullPath(request.WatchPath)}'?");
        else if (!Directory.Exists(request.WatchPath)) errors.Add("watchPath", $"The watch path '{request.WatchPath}' is not an existing directory.");

        events = SyncEventMask.SersyncDefault;
        if (request.Events is not null)
        {
            var (mask, unknown) = SyncEventNames.Parse(request.Events);
            if (unknown.Count > 0) errors.Add("events", $"Unknown event(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", SyncEventNames.All)}.");
            else if (mask == SyncEventMask.None) errors.Add("events", "Choose at least one event.");
            events = mask;
        }

        if (request.RsyncParams is not null)
        {
            if (request.RsyncParams.Length > MaxTextLength) errors.Add("rsyncParams", $"The rsync parameters must have at most {MaxTextLength} characters ({request.RsyncParams.Length} given).");
            else if (request.RsyncParams.Contains('\n')) errors.Add("rsyncParams", "The rsync parameters must be on one line.");
            // The engine's own rules: split without a shell, no options that would break delivery or smuggle a command.
            else foreach (var problem in RsyncOptionValidator.ValidateOptions(request.RsyncParams, "rsync parameters")) errors.Add("rsyncParams", problem);
        }

        if (request.FullSyncIntervalMinutes is < 1) errors.Add("fullSyncIntervalMinutes", "The full-sync interval must be at least 1 minute.");
        if (!string.IsNullOrWhiteSpace(request.FullSyncCron))
        {
            if (request.FullSyncIntervalMinutes is not null)
                errors.Add("fullSyncCron", "Give either a full-sync interval or a cron expression, not both.");
            try
            {
                _ = new CronExpression(request.FullSyncCron.Trim());
                if (!FiresAtMostOncePerMinute(request.FullSyncCron))
                    errors.Add("fullSyncCron", "A full sync may run at most once a minute: the cron expression's first (seconds) field must be one number, e.g. '0 */5 * * * ?'.");
            }
            catch (FormatException e) { errors.Add("fullSyncCron", $"Invalid Quartz cron expression: {e.Message}"); }
        }

        if (request.VerifyIntervalMinutes is < MinVerifyIntervalMinutes or > MaxVerifyIntervalMinutes)
            errors.Add("verifyIntervalMinutes", $"The verify interval must be between {MinVerifyIntervalMinutes} and {MaxVerifyIntervalMinutes} minutes (one week), or empty for no scheduled verify.");
        if (request.VerifyDeep && request.VerifyIntervalMinutes is null)
            errors.Add("verifyDeep", "A deep scheduled verify needs a verify interval (verifyIntervalMinutes); a verify on request chooses deep itself.");

        if (request.CoalescingDelayMs is < 0 or > 60_000) errors.Add("coalescingDelayMs", "The coalescing delay must be between 0 and 60000 ms.");
        if (request.MaxBatchPaths is < 1 or > 1_000_000) errors.Add("maxBatchPaths", "The batch size must be between 1 and 1000000 paths.");
        if (request.DeletionGuardPercent is < 0 or > 100) errors.Add("deletionGuardPercent", "The deletion guard's share must be between 0 and 100 (percent of the remote's entries).");
        if (request.DeletionGuardMinCount is < 1 or > MaxDeletionGuardMinCount)
            errors.Add("deletionGuardMinCount", $"The deletion guard's minimum must be between 1 and {MaxDeletionGuardMinCount} entries.");
        if (request.RetryIntervalMinutes is < 1) errors.Add("retryIntervalMinutes", "The retry interval must be at least 1 minute (or empty for the global setting).");

        if (request.ExcludeRegexes?.Count > MaxListEntries)
            errors.Add("excludeRegexes", $"At most {MaxListEntries} exclude regexes ({request.ExcludeRegexes.Count} given).");
        else for (var i = 0; i < (request.ExcludeRegexes?.Count ?? 0); i++)
        {
            var regex = request.ExcludeRegexes![i];
            if (string.IsNullOrEmpty(regex)) { errors.Add("excludeRegexes", $"Entry {i + 1} is empty."); continue; }
            if (regex.Length > MaxTextLength) { errors.Add("excludeRegexes", $"Entry {i + 1} must have at most {MaxTextLength} characters."); continue; }
            if (!ExcludeRegex.TryValidate(regex, out var error)) errors.Add("excludeRegexes", $"Entry {i + 1} '{regex}' is not a valid regex: {error}");
        }
        if (request.FullSyncExcludes?.Count > MaxListEntries)
            errors.Add("fullSyncExcludes", $"At most {MaxListEntries} full-sync excludes ({request.FullSyncExcludes.Count} given).");
        else for (var i = 0; i < (request.FullSyncExcludes?.Count ?? 0); i++)
        {
            var pattern = request.FullSyncExcludes![i];
            if (string.IsNullOrWhiteSpace(pattern)) errors.Add("fullSyncExcludes", $"Entry {i + 1} is empty.");
            else if (pattern.Length > MaxTextLength) errors.Add("fullSyncExcludes", $"Entry {i + 1} must have at most {MaxTextLength} characters.");
            else if (pattern.Contains('\n') || pattern.Contains('\r')) errors.Add("fullSyncExcludes", $"Entry {i + 1} must be on one line.");
        }

        return errors.ToDictionary();
    }

    /// <summary>Linux's PATH_MAX; also the bound for one rsync option line or one exclude.</summary>
    private const int MaxTextLength = 4096;

    /// <summary>Entries per exclude list: each regex runs against every changed path, so the list must stay bounded.</summary>
    public const int MaxListEntries = 1000;

    /// <summary>
    /// A Quartz cron expression fires at most once a minute exactly when its seconds field is one number
    /// ("0", not "*", "0/10", "0-30" or "0,30"); the other fields then choose minutes, hours and days.
    /// </summary>
    internal static bool FiresAtMostOncePerMinute(string cron)
    {
        var seconds = cron.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return seconds.Length > 0 && seconds.All(char.IsAsciiDigit);
    }

    /// <summary>
    /// '/srv/../etc' is '/etc' to the kernel but not to a reader of the job list, to the exclude rules or to the
    /// relative paths sent to rsync: the path stored must be the path watched. A trailing '/' is harmless.
    /// </summary>
    private static bool IsNormalised(string absolutePath) =>
        absolutePath.TrimEnd('/').Split('/').Skip(1).All(segment => segment is not ("" or "." or ".."));
}
