using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace SyncConsole.Bench.Sync;

/// <summary>One <c>MEM key=value ...</c> line about the agent's own memory, parsed back by <see cref="MemoryBenchmark"/>.</summary>
internal static class AgentMemory
{
    private const double MiB = 1024 * 1024;

    public static string Describe(int watches)
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        using var self = Process.GetCurrentProcess();
        var values = new (string Key, string Value)[]
        {
            ("rss", Mib(ProcessCpu.RssKiB(Environment.ProcessId) * 1024)),
            ("watches", watches.ToString(CultureInfo.InvariantCulture)),
            ("live", Mib(GC.GetTotalMemory(false))),
            ("heap", Mib(info.HeapSizeBytes)),
            ("committed", Mib(info.TotalCommittedBytes)),
            ("fragmented", Mib(info.FragmentedBytes)),
            ("gc", GCSettings.IsServerGC ? $"server/{Environment.ProcessorCount}" : "workstation"),
            ("concurrent", (GCSettings.LatencyMode != GCLatencyMode.Batch).ToString()),
            ("collections", $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}"),
            ("allocated", Mib(GC.GetTotalAllocatedBytes())),
            ("threads", self.Threads.Count.ToString(CultureInfo.InvariantCulture)),
        };
        return "MEM " + string.Join(' ', values.Select(v => $"{v.Key}={v.Value}"));
    }

    private static string Mib(long bytes) => (bytes / MiB).ToString("0.0", CultureInfo.InvariantCulture);
}
