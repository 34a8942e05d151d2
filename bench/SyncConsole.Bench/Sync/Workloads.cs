namespace SyncConsole.Bench.Sync;

/// <summary>A one-file change in a replicated 1 000-file tree (latency of a single edit).</summary>
internal sealed class SingleFileChange : Workload
{
    public override string Name => "single";
    public override string Description => "one-file change to replicated (1 000-file tree), p50";
    public override void Prepare(string src, int trials)
    {
        for (var d = 0; d < 10; d++)
            for (var f = 0; f < 100; f++)
                WriteFile(Path.Combine(src, $"d{d:00}", $"f{f:000}.txt"), $"initial {d} {f}\n");
    }
    public override Expectation Apply(string src, int trial)
    {
        var rel = $"d{trial % 10:00}/f{trial % 100:000}.txt";
        WriteFile(Path.Combine(src, rel), $"changed in trial {trial} at {DateTime.UtcNow:O}\n");
        return Expectation.For(src, [rel], []);
    }
}

/// <summary>10 000 files written into 100 new folders as fast as the disk takes them.</summary>
internal sealed class BurstIntoNewFolders(int folders = 100, int filesPerFolder = 100) : Workload
{
    public override string Name => "burst";
    public override string Description => $"{folders * filesPerFolder:N0}-file burst into {folders} new folders";
    public override void Prepare(string src, int trials) => WriteFile(Path.Combine(src, "README"), "burst target\n");
    public override Expectation Apply(string src, int trial)
    {
        var written = new List<string>(folders * filesPerFolder);
        var payload = new string('x', 1000);
        for (var d = 0; d < folders; d++)
            for (var f = 0; f < filesPerFolder; f++)
            {
                var rel = $"burst{trial}/dir{d:000}/file{f:000}.dat";
                WriteFile(Path.Combine(src, rel), payload + rel);
                written.Add(rel);
            }
        return Expectation.For(src, written, []);
    }
}

/// <summary>100 modified files scattered through a 100 000-file tree.</summary>
internal sealed class SparseChangesInLargeTree(int folders = 1000, int filesPerFolder = 100) : Workload
{
    public override string Name => "sparse";
    public override string Description => $"100 changes in a {folders * filesPerFolder:N0}-file tree";
    public override void Prepare(string src, int trials)
    {
        for (var d = 0; d < folders; d++)
        {
            var dir = Path.Combine(src, $"a{d / 100:00}", $"b{d:0000}");
            Directory.CreateDirectory(dir);
            for (var f = 0; f < filesPerFolder; f++) File.WriteAllText(Path.Combine(dir, $"f{f:000}"), $"{d}/{f}\n");
        }
    }
    public override Expectation Apply(string src, int trial)
    {
        var rng = new Random(trial);
        var changed = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var d = rng.Next(folders);
            var rel = $"a{d / 100:00}/b{d:0000}/f{rng.Next(filesPerFolder):000}";
            File.WriteAllText(Path.Combine(src, rel), $"trial {trial} change {i}\n");
            changed.Add(rel);
        }
        return Expectation.For(src, changed, []);
    }
}

/// <summary>A 1 000-file folder renamed and 500 other files deleted.</summary>
internal sealed class RenameAndDeletes : Workload
{
    public override string Name => "rename";
    public override string Description => "rename of a 1 000-file folder plus 500 deletes";
    public override void Prepare(string src, int trials)
    {
        for (var f = 0; f < 1000; f++) WriteFile(Path.Combine(src, "album0", $"photo{f:0000}.jpg"), $"photo {f}\n" + new string('p', 2000));
        for (var t = 0; t < trials; t++)
            for (var f = 0; f < 500; f++) WriteFile(Path.Combine(src, $"old{t}", $"g{f / 50:00}", $"x{f:000}"), $"old {t} {f}\n");
    }
    public override Expectation Apply(string src, int trial)
    {
        var from = $"album{trial}";
        var to = $"album{trial + 1}";
        Directory.Move(Path.Combine(src, from), Path.Combine(src, to));
        var deleted = new List<string>();
        for (var f = 0; f < 500; f++)
        {
            var rel = $"old{trial}/g{f / 50:00}/x{f:000}";
            File.Delete(Path.Combine(src, rel));
            deleted.Add(rel);
        }
        var moved = Enumerable.Range(0, 1000).Select(f => $"{to}/photo{f:0000}.jpg").ToList();
        return Expectation.For(src, moved, deleted.Append(from));
    }
}
