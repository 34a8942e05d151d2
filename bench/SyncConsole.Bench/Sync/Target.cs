using SyncConsole.TestSupport;

namespace SyncConsole.Bench.Sync;

/// <summary>The loopback rsync daemon module every contender pushes to. The password travels in a 0600 file only.</summary>
internal sealed record Target(string Host, int Port, string Module, string User, string PasswordFile, string ModulePath)
{
    public string Url => $"rsync://{User}@{Host}:{Port}/{Module}/";

    /// <summary>The daemon's module, its password written to a 0600 file in <paramref name="work"/>.</summary>
    public static Target For(RsyncDaemonFixture daemon, TempDirectory work)
    {
        var passwordFile = work.Combine("rsync.pass");
        File.WriteAllText(passwordFile, daemon.Password + "\n");
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new Target("127.0.0.1", daemon.Port, daemon.ModuleName, daemon.User, passwordFile, daemon.ModulePath);
    }
}
