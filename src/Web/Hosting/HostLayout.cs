using System.Reflection;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// Where the host reads appsettings.json and wwwroot/ from: never the caller's working directory, so
/// <c>cd / &amp;&amp; SyncConsole.Web</c> behaves like a start from the install folder.
/// </summary>
public static class HostLayout
{
    /// <summary>Marks a build output (dotnet run, tests): the development static-web-assets manifest lies next to the DLL; a publish has none.</summary>
    private const string DevelopmentManifest = "SyncConsole.Web.staticwebassets.runtime.json";

    /// <summary>
    /// <paramref name="configured"/> (<c>--contentRoot</c>) or <c>ASPNETCORE_CONTENTROOT</c> when given; for a build output the
    /// repository root it was built from (the one appsettings.json, wwwroot/ and <c>./data</c> of <c>dotnet run</c>);
    /// otherwise the application's own folder (a publish, a package, a tarball, the Docker image).
    /// </summary>
    public static string ResolveContentRoot(string? configured, string? baseDirectory = null, string? sourceRoot = null)
    {
        var explicitRoot = configured ?? Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") ?? Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT");
        if (!string.IsNullOrWhiteSpace(explicitRoot)) return Path.GetFullPath(explicitRoot);

        var appFolder = baseDirectory ?? AppContext.BaseDirectory;
        sourceRoot ??= typeof(HostLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SyncConsole.SourceRoot")?.Value;
        if (File.Exists(Path.Combine(appFolder, DevelopmentManifest))
            && !string.IsNullOrEmpty(sourceRoot) && File.Exists(Path.Combine(sourceRoot, "appsettings.json")))
            return Path.GetFullPath(sourceRoot);
        return Path.GetFullPath(appFolder);
    }
}
