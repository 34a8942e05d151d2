using System.Text.Json;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Web.Contracts;

/// <summary>
/// One plugin of a job. <see cref="Settings"/> holds the fields of the kind's settings (camelCase): command
/// {prefix, suffix, ignoreError, filterEnabled, includeRegexes, timeoutSeconds}; socket {host, port}; refreshCdn
/// {domainName, port, userName, password, baseUrl, useRegex, match}; http {url, timeoutSeconds, maxAttempts}.
/// A refreshCdn password left out keeps the stored one.
/// </summary>
public sealed record PluginRequest
{
    public PluginKind Kind { get; init; }
    public bool Enabled { get; init; } = true;
    public JsonElement Settings { get; init; }
}
