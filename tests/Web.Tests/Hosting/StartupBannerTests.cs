using SyncConsole.Web.Hosting;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Hosting;

public sealed class StartupBannerTests
{
    private static readonly SyncConsolePaths Paths = new("/opt/syncconsole", "./data");
    private static readonly RsyncStatus Rsync = new(true, "/usr/bin/rsync", "3.4.1", null);

    [Fact]
    public void Render_FirstStartWithGeneratedPassword_ShowsUrlUserPasswordAndItsFile()
    {
        var text = StartupBanner.Render(new StartupReport(InitialPasswordSource.Generated, "Xy7pQ2", false, Rsync), ["http://127.0.0.1:5080"], Paths, toTerminal: true);

        Assert.Contains("http://127.0.0.1:5080", text);
        Assert.Contains("User:      admin", text);
        Assert.Contains("Xy7pQ2", text);
        Assert.Contains("/opt/syncconsole/data/initial-admin-password", text);
        Assert.Contains("3.4.1", text);
    }

    [Fact]
    public void Render_GeneratedPasswordToALog_NamesOnlyItsFile()
    {
        // stdout redirected: systemd's journal or docker logs keep it, so the password stays out.
        var text = StartupBanner.Render(new StartupReport(InitialPasswordSource.Generated, "Xy7pQ2", false, Rsync), ["http://127.0.0.1:5080"], Paths);

        Assert.DoesNotContain("Xy7pQ2", text);
        Assert.Contains("/opt/syncconsole/data/initial-admin-password", text);
    }

    [Fact]
    public void Render_PasswordFromEnvironment_NamesTheVariableNotTheValue()
    {
        var text = StartupBanner.Render(new StartupReport(InitialPasswordSource.Environment, null, true, Rsync), [], Paths);

        Assert.Contains(EnvironmentVariables.AdminPassword, text);
        Assert.Contains(EnvironmentVariables.ApiKey, text);
    }

    [Fact]
    public void Render_RsyncMissing_SaysSoPlainly()
    {
        var missing = new RsyncStatus(false, null, null, "rsync was not found on PATH; install it (apt-get install rsync).");

        var text = StartupBanner.Render(new StartupReport(InitialPasswordSource.Existing, null, false, missing), [], Paths);

        Assert.Contains("rsync:     MISSING. rsync was not found on PATH", text);
    }
}
