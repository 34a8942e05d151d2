using System.Text.Json;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Data;

/// <summary>
/// Reads and writes <see cref="Entities.PluginConfig.SettingsJson"/>: the settings record of the plugin's kind, in
/// camelCase JSON. A refreshCDN password is stored protected (the caller protects and unprotects it).
/// </summary>
public static class PluginSettingsSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static Type SettingsType(PluginKind kind) => kind switch
    {
        PluginKind.Command => typeof(CommandPluginSettings),
        PluginKind.Socket => typeof(SocketPluginSettings),
        PluginKind.RefreshCdn => typeof(RefreshCdnPluginSettings),
        PluginKind.Http => typeof(HttpPluginSettings),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown plugin kind."),
    };

    /// <exception cref="JsonException">The JSON does not hold valid settings for <paramref name="kind"/>.</exception>
    public static object Deserialize(PluginKind kind, string json) =>
        JsonSerializer.Deserialize(json, SettingsType(kind), Options) ?? throw new JsonException("The settings are null.");

    public static string Serialize(object settings) => JsonSerializer.Serialize(settings, settings.GetType(), Options);
}
