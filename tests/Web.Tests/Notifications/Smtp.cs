using SyncConsole.TestSupport;

namespace SyncConsole.Web.Tests.Notifications;

internal static class Smtp
{
    /// <summary>
    /// Skips (honestly, naming the package) when python3-aiosmtpd is missing on a developer machine; in CI (CI set) the
    /// test runs anyway and fails, since test.sh installs it there.
    /// </summary>
    public static void SkipUnlessAvailable() =>
        Skip.If(!SmtpServerFixture.Available && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
            "python3-aiosmtpd is not installed (apt-get install python3-aiosmtpd): the SMTP test is skipped");
}
