namespace SyncConsole.Engine.Plugins;

/// <summary>sersync's refreshCDN plugin (ChinaCache-style purge). <see cref="Password"/> is a secret.</summary>
public sealed record RefreshCdnPluginSettings
{
    public required string DomainName { get; init; }
    public int Port { get; init; } = 80;
    public string UserName { get; init; } = "";
    public string? Password { get; init; }
    /// <summary>sendurl@base: the public URL prefix of the watched folder.</summary>
    public required string BaseUrl { get; init; }
    public bool UseRegex { get; init; }
    /// <summary>regexurl@match, searched in the absolute path when <see cref="UseRegex"/> is on.</summary>
    public string Match { get; init; } = "";
}
