using Microsoft.Extensions.Options;

namespace SyncConsole.Web.Hosting;

/// <summary>Settings that would make the appliance misbehave are refused at start (exit 3) instead of failing later.</summary>
public sealed class SyncConsoleOptionsValidator : IValidateOptions<SyncConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncConsoleOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.DataDirectory)) errors.Add("SyncConsole:DataDirectory must not be empty");
        foreach (var url in (o.DefaultUrls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                errors.Add($"SyncConsole:DefaultUrls: \"{url}\" is not an http(s) URL");
        if (o.RetryIntervalMinutes < 1) errors.Add("SyncConsole:RetryIntervalMinutes must be at least 1");
        if (o.HistoryDays < 0) errors.Add("SyncConsole:HistoryDays must be 0 (keep everything) or more");
        if (o.Engine.MaxConcurrentRsync < 0) errors.Add("SyncConsole:Engine:MaxConcurrentRsync must be 0 (one per core) or more");
        if (o.Engine.RunsPerRemote < 1) errors.Add("SyncConsole:Engine:RunsPerRemote must be at least 1");
        if (o.Engine.ShutdownGraceSeconds is < 0 or > 600) errors.Add("SyncConsole:Engine:ShutdownGraceSeconds must be between 0 and 600");
        if (o.Alerts.IntervalSeconds is < 0.2 or > 3600) errors.Add("SyncConsole:Alerts:IntervalSeconds must be between 0.2 and 3600");
        errors.AddRange(o.Database.Problems());
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
