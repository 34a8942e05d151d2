namespace SyncConsole.Engine.Tests.Faults;

/// <summary>
/// Reproducible random file-system operations under one root: the same seed gives the same sequence. Only
/// names under the root are touched; every operation is one that a busy web root or build output really sees.
/// </summary>
public sealed class RandomTreeOperations(string root, int seed)
{
    private readonly Random random = new(seed);
    private readonly Dictionary<string, int> counts = [];
    private int nameCounter;

    public void Step()
    {
        var roll = random.Next(100);
        var done = roll switch
        {
            < 30 => WriteNewFile(),
            < 42 => OverwriteFile(),
            < 52 => CreateNestedFolders(),
            < 64 => DeleteFile(),
            < 76 => RenameFile(),
            < 82 => RenameFileOverExisting(),
            < 91 => RenameFolder(),
            _ => DeleteFolderTree(),
        };
        counts[done] = counts.GetValueOrDefault(done) + 1;
    }

    public string Summary() => string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"));

    private string NewName(string prefix) => $"{prefix}{nameCounter++}";

    private string[] Folders() => [root, .. Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)];

    private string[] Files() => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToArray();

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    private byte[] Content()
    {
        var bytes = new byte[random.Next(0, 3_000)];
        random.NextBytes(bytes);
        return bytes;
    }

    private string WriteNewFile()
    {
        File.WriteAllBytes(Path.Combine(Pick(Folders()), NewName("f") + ".bin"), Content());
        return "write";
    }

    private string OverwriteFile()
    {
        var files = Files();
        if (files.Length == 0) return WriteNewFile();
        File.WriteAllBytes(Pick(files), Content());
        return "overwrite";
    }

    private string CreateNestedFolders()
    {
        var path = Pick(Folders());
        for (var depth = random.Next(1, 4); depth > 0; depth--) path = Path.Combine(path, NewName("d"));
        Directory.CreateDirectory(path);
        File.WriteAllBytes(Path.Combine(path, NewName("f") + ".bin"), Content());
        return "nested-create";
    }

    private string DeleteFile()
    {
        var files = Files();
        if (files.Length == 0) return WriteNewFile();
        File.Delete(Pick(files));
        return "delete-file";
    }

    private string RenameFile()
    {
        var files = Files();
        if (files.Length == 0) return WriteNewFile();
        File.Move(Pick(files), Path.Combine(Pick(Folders()), NewName("r") + ".bin"));
        return "rename-file";
    }

    private string RenameFileOverExisting()
    {
        var files = Files();
        if (files.Length < 2) return WriteNewFile();
        var from = Pick(files);
        var to = Pick(files);
        if (from == to) return RenameFile();
        File.Move(from, to, overwrite: true);
        return "rename-over";
    }

    private string RenameFolder()
    {
        var folders = Folders().Skip(1).ToArray();
        if (folders.Length == 0) return CreateNestedFolders();
        var from = Pick(folders);
        // The new parent must not be the folder itself or inside it.
        var parents = Folders().Where(p => p != from && !p.StartsWith(from + "/", StringComparison.Ordinal)).ToArray();
        Directory.Move(from, Path.Combine(Pick(parents), NewName("m")));
        return "rename-folder";
    }

    private string DeleteFolderTree()
    {
        var folders = Folders().Skip(1).ToArray();
        if (folders.Length == 0) return CreateNestedFolders();
        Directory.Delete(Pick(folders), recursive: true);
        return "delete-folder-tree";
    }
}
