namespace SyncConsole.Engine.Plugins;

/// <summary>A webhook that receives a JSON batch after each delivery (what sersync's removed http plugin meant).</summary>
public sealed record HttpPluginSettings
{
    public required string Url { get; init; }
    public int TimeoutSeconds { get; init; } = 10;
    public int MaxAttempts { get; init; } = 5;
}
