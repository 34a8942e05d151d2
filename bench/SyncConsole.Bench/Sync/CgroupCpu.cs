namespace SyncConsole.Bench.Sync;

/// <summary>
/// A cross-check of <see cref="ProcessCpu"/>: the contender moved into its own cgroup-v1 cpuacct group, whose usage
/// counts every process in it (children and grandchildren, reaped or not) the same way for every tool. Needs a
/// writable /sys/fs/cgroup/cpuacct (root, cgroup v1); <see cref="TryCreate"/> returns null otherwise.
/// </summary>
internal sealed class CgroupCpu : IDisposable
{
    private const string Root = "/sys/fs/cgroup/cpuacct";
    private readonly string dir;

    private CgroupCpu(string dir) => this.dir = dir;

    public static CgroupCpu? TryCreate(int pid)
    {
        var dir = Path.Combine(Root, $"syncconsole-bench-{pid}");
        try
        {
            if (!File.Exists(Path.Combine(Root, "cpuacct.usage"))) return null;
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "cgroup.procs"), pid.ToString());
            return new CgroupCpu(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { Directory.Delete(dir); } catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { }
            return null;
        }
    }

    public TimeSpan Read() => TimeSpan.FromTicks(long.Parse(File.ReadAllText(Path.Combine(dir, "cpuacct.usage")).Trim()) / 100);

    /// <summary>Removes the group; the kernel refuses while a process is still in it, so call it after the tool exited.</summary>
    public void Dispose()
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                Directory.Delete(dir);
                return;
            }
            catch (IOException) { Thread.Sleep(20); } // the killed tool's last children are still being reaped
        }
    }
}
