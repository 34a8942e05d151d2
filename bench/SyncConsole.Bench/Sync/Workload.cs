namespace SyncConsole.Bench.Sync;

/// <summary>One benchmark scenario: an initial (replicated) tree and repeatable change steps on top of it.</summary>
internal abstract class Workload
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public abstract void Prepare(string src, int trials);

    /// <summary>Applies step <paramref name="trial"/> to the source and says what the destination must show after it.</summary>
    public abstract Expectation Apply(string src, int trial);

    protected static void WriteFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
