using Microsoft.AspNetCore.Hosting;
using SyncConsole.TestSupport;

namespace SyncConsole.Web.Tests.Import;

/// <summary>The real host with a temp folder as the only place REST imports may read rsync password files from.</summary>
public sealed class ImportFactory : SyncConsoleFactory
{
    public TempDirectory AllowedPasswordFiles { get; } = new("syncconsole-pwfiles");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Index 0 replaces appsettings.json's "/etc": the test decides what is allowed.
        builder.UseSetting("SyncConsole:Import:PasswordFileDirectories:0", AllowedPasswordFiles.Path);
    }

    /// <summary>An owner-only password file (rsync refuses others-readable ones) in <paramref name="folder"/>.</summary>
    public static string WritePasswordFile(string folder, string name, string password)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, password + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) AllowedPasswordFiles.Dispose();
    }
}
