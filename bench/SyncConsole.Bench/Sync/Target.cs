namespace SyncConsole.Bench.Sync;

/// <summary>The loopback rsync daemon module every contender pushes to. The password travels in a 0600 file only.</summary>
internal sealed record Target(string Host, int Port, string Module, string User, string PasswordFile, string ModulePath)
{
    public string Url => $"rsync://{User}@{Host}:{Port}/{Module}/";
}
