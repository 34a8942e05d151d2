using SyncConsole.Engine.Plugins;

namespace SyncConsole.Data.Entities;

/// <summary>One plugin of a job; <see cref="SettingsJson"/> holds the matching record from SyncConsole.Engine.Plugins.</summary>
public sealed class PluginConfig
{
    public int Id { get; set; }
    public int JobId { get; set; }
    public SyncJob? Job { get; set; }
    public PluginKind Kind { get; set; }
    public bool Enabled { get; set; } = true;
    public string SettingsJson { get; set; } = "{}";
}
