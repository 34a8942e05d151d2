using System.Text.RegularExpressions;
using SyncConsole.Engine.Plugins;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Web.Plugins;

/// <summary>Checks one plugin's settings; error keys are JSON paths such as <c>plugins[0].settings.port</c>.</summary>
public static class PluginValidator
{
    public static void Validate(object settings, string prefix, Action<string, string> add)
    {
        switch (settings)
        {
            case CommandPluginSettings c:
                try
                {
                    if (RsyncArgumentTokenizer.Split(c.Prefix).Count == 0) add($"{prefix}.prefix", "A program (prefix) is required.");
                }
                catch (FormatException e) { add($"{prefix}.prefix", $"The prefix cannot be split into arguments: {e.Message}"); }
                try { RsyncArgumentTokenizer.Split(c.Suffix); }
                catch (FormatException e) { add($"{prefix}.suffix", $"The suffix cannot be split into arguments: {e.Message}"); }
                for (var i = 0; i < c.IncludeRegexes.Count; i++)
                    if (RegexError(c.IncludeRegexes[i]) is { } error) add($"{prefix}.includeRegexes", $"Entry {i + 1} '{c.IncludeRegexes[i]}' is not a valid regex: {error}");
                if (c.TimeoutSeconds is < 1 or > 3600) add($"{prefix}.timeoutSeconds", "The timeout must be between 1 and 3600 seconds.");
                break;
            case SocketPluginSettings s:
                if (!ValidHost(s.Host)) add($"{prefix}.host", $"'{s.Host}' is not a valid host name or address.");
                if (s.Port is < 1 or > 65535) add($"{prefix}.port", "The port must be between 1 and 65535.");
                break;
            case RefreshCdnPluginSettings r:
                if (!ValidHost(r.DomainName)) add($"{prefix}.domainName", $"'{r.DomainName}' is not a valid host name or address.");
                if (r.Port is < 1 or > 65535) add($"{prefix}.port", "The port must be between 1 and 65535.");
                if (!IsHttpUrl(r.BaseUrl)) add($"{prefix}.baseUrl", "The base URL must be an absolute http or https URL.");
                if (r.UseRegex && (string.IsNullOrEmpty(r.Match) || RegexError(r.Match) is not null))
                    add($"{prefix}.match", $"With useRegex on, match must be a valid regex{(RegexError(r.Match) is { } e ? ": " + e : ".")}");
                break;
            case HttpPluginSettings h:
                if (!IsHttpUrl(h.Url)) add($"{prefix}.url", "The webhook URL must be an absolute http or https URL.");
                if (h.TimeoutSeconds is < 1 or > 300) add($"{prefix}.timeoutSeconds", "The timeout must be between 1 and 300 seconds.");
                if (h.MaxAttempts is < 1 or > 20) add($"{prefix}.maxAttempts", "The attempts must be between 1 and 20.");
                break;
        }
    }

    private static string? RegexError(string pattern)
    {
        try { _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1)); return null; }
        catch (ArgumentException e) { return e.Message; }
    }

    private static bool ValidHost(string? host) =>
        !string.IsNullOrWhiteSpace(host) && Uri.CheckHostName(host) != UriHostNameType.Unknown;

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);
}
