using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using SyncConsole.Web.Cli;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// The administrator's configuration file, layered as admins expect: built-in defaults &lt; appsettings.json next to
/// the program (replaced by every upgrade) &lt; <c>/etc/syncconsole/appsettings.json</c> or the file
/// <c>SYNCCONSOLE_CONFIG</c> names (never touched by an upgrade) &lt; environment &lt; command line.
/// </summary>
public static class ConfigurationLayers
{
    public const string SystemConfigFile = "/etc/syncconsole/appsettings.json";
    public const string ConfigVariable = "SYNCCONSOLE_CONFIG";

    /// <summary>The file that is read: the one <c>SYNCCONSOLE_CONFIG</c> names (which must exist), or the optional default.</summary>
    public static (string Path, bool Required) AdminFile(IDictionary<string, string?>? environment = null)
    {
        var named = environment is null ? Environment.GetEnvironmentVariable(ConfigVariable) : environment.TryGetValue(ConfigVariable, out var v) ? v : null;
        return string.IsNullOrWhiteSpace(named) ? (SystemConfigFile, false) : (Path.GetFullPath(named), true);
    }

    /// <summary>Inserts the admin's file right after the application's own JSON files, below environment and command line.</summary>
    public static void AddAdminFile(IConfigurationBuilder configuration)
    {
        var (path, required) = AdminFile();
        if (required && !File.Exists(path))
            throw new StartupFailure(ExitCodes.ConfigInvalid, $"configuration invalid: {ConfigVariable} names {path}, which does not exist");
        var source = new JsonConfigurationSource
        {
            Path = Path.GetFileName(path), Optional = !required, ReloadOnChange = false,
            FileProvider = Directory.Exists(Path.GetDirectoryName(path)) ? new PhysicalFileProvider(Path.GetDirectoryName(path)!) : null,
        };
        if (source.FileProvider is null) return; // no /etc/syncconsole: nothing to read
        var sources = configuration.Sources;
        var lastFile = -1;
        for (var i = 0; i < sources.Count; i++) if (sources[i] is FileConfigurationSource) lastFile = i;
        try
        {
            sources.Insert(lastFile + 1, source);
        }
        catch (InvalidDataException e)
        {
            throw new StartupFailure(ExitCodes.ConfigInvalid, $"configuration invalid: {path} is not valid JSON: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    /// <summary>The JSON files that exist among the configuration's sources, lowest precedence first (for check-config).</summary>
    public static IEnumerable<string> FilesRead(IConfigurationRoot configuration) =>
        configuration.Providers.OfType<FileConfigurationProvider>()
            .Select(p => p.Source.FileProvider?.GetFileInfo(p.Source.Path ?? "") is { Exists: true, PhysicalPath: { } physical } ? physical : null)
            .OfType<string>();
}
