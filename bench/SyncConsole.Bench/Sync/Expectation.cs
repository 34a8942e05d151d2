namespace SyncConsole.Bench.Sync;

/// <summary>What the destination must look like for a workload step to count as delivered.</summary>
internal sealed record Expectation(IReadOnlyDictionary<string, byte[]> Present, IReadOnlyList<string> Absent)
{
    public static Expectation For(string src, IEnumerable<string> present, IEnumerable<string> absent) =>
        new(present.Distinct().ToDictionary(p => p, p => File.ReadAllBytes(Path.Combine(src, p))), absent.Distinct().ToList());
}
