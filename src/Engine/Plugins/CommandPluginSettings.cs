namespace SyncConsole.Engine.Plugins;

/// <summary>
/// sersync's command plugin: run <c>Prefix path Suffix</c> for each delivered path. Here the program and its
/// arguments are split without a shell and the path is one argument of its own.
/// </summary>
public sealed record CommandPluginSettings
{
    public string Prefix { get; init; } = "/bin/sh";
    public string Suffix { get; init; } = "";
    public bool IgnoreError { get; init; } = true;
    /// <summary>When on, only paths whole-matching one of <see cref="IncludeRegexes"/> (absolute path) run the command.</summary>
    public bool FilterEnabled { get; init; }
    public IReadOnlyList<string> IncludeRegexes { get; init; } = [];
    public int TimeoutSeconds { get; init; } = 30;
}
