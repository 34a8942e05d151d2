using System.Collections.Concurrent;

namespace SyncConsole.Web.Tests.Faults;

/// <summary>
/// Polls /proc for rsync processes whose parent is this process (the in-process host runs rsync) and keeps
/// each one's argv, to prove no secret is ever on a command line (any local user can read /proc/*/cmdline).
/// </summary>
public sealed class RsyncChildWatcher : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<int, string> commandLines = new();
    private readonly Task loop;

    public RsyncChildWatcher() => loop = Task.Run(PollAsync);

    public IReadOnlyCollection<string> CommandLines => commandLines.Values.ToArray();

    private async Task PollAsync()
    {
        var self = Environment.ProcessId;
        while (!stop.IsCancellationRequested)
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid) || commandLines.ContainsKey(pid)) continue;
                try
                {
                    var exe = new FileInfo(Path.Combine(dir, "exe")).LinkTarget;
                    if (exe is null || Path.GetFileName(exe) != "rsync") continue;
                    var parent = File.ReadLines(Path.Combine(dir, "status")).First(l => l.StartsWith("PPid:", StringComparison.Ordinal))[5..].Trim();
                    if (parent != self.ToString()) continue;
                    var argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                    if (argv.Contains("--daemon", StringComparison.Ordinal)) continue; // the test's own rsync daemon
                    commandLines[pid] = argv;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { } // gone meanwhile
            }
            try { await Task.Delay(5, stop.Token); } catch (OperationCanceledException) { }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
