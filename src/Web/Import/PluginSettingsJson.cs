using System.Text.Json;
using SyncConsole.Engine.Legacy;
using SyncConsole.Engine.Plugins;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Import;

/// <summary>
/// <see cref="Data.Entities.PluginConfig.SettingsJson"/> for the sersync plugins: the settings record as camelCase JSON.
/// The refreshCDN password is a secret, so it is stored protected with <see cref="SecretProtector"/> like remote passwords.
/// </summary>
public static class PluginSettingsJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Serialize(PluginKind kind, ConfxmlJobSettings settings, SecretProtector protector) => kind switch
    {
        PluginKind.Command => JsonSerializer.Serialize(settings.Command ?? new CommandPluginSettings(), Json),
        PluginKind.Socket => JsonSerializer.Serialize(settings.Socket, Json),
        PluginKind.RefreshCdn => JsonSerializer.Serialize(settings.RefreshCdn! with
        {
            Password = string.IsNullOrEmpty(settings.RefreshCdn.Password) ? null : protector.Protect(settings.RefreshCdn.Password),
        }, Json),
        _ => "{}",
    };

    public static CommandPluginSettings? Command(string json) => JsonSerializer.Deserialize<CommandPluginSettings>(json, Json);

    public static SocketPluginSettings? Socket(string json) => JsonSerializer.Deserialize<SocketPluginSettings>(json, Json);

    /// <summary>The settings with the password decrypted.</summary>
    public static RefreshCdnPluginSettings? RefreshCdn(string json, SecretProtector protector)
    {
        var settings = JsonSerializer.Deserialize<RefreshCdnPluginSettings>(json, Json);
        return settings?.Password is { Length: > 0 } p ? settings with { Password = protector.Unprotect(p) } : settings;
    }
}
