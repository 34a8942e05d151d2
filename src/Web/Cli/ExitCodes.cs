namespace SyncConsole.Web.Cli;

/// <summary>
/// The process exit codes, one per reason, so systemd, scripts and Docker can tell a failure from another
/// (documented in the README and in <c>--help</c>).
/// </summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>An import or export failed (nothing written), an unknown job, or an unhealthy server for <c>healthcheck</c>.</summary>
    public const int Failed = 1;
    public const int Usage = 2;
    public const int ConfigInvalid = 3;
    public const int PortInUse = 4;
    public const int DataDirectoryUnusable = 5;
    public const int DatabaseError = 6;
    /// <summary>Only <c>check-config</c> fails for a missing rsync; the server starts and says so (banner, warning, API).</summary>
    public const int RsyncMissing = 7;

    public const string Summary = """
        Exit codes: 0 ok, 1 import/export failed or server unhealthy, 2 usage error, 3 configuration invalid,
        4 port in use, 5 data directory unusable, 6 database error, 7 rsync missing (check-config only).
        """;
}
