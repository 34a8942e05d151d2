namespace SyncConsole.Engine.Tests.Legacy;

/// <summary>The hand-written confxml.xml variants under Legacy/Fixtures (copied to the test output).</summary>
internal static class ConfxmlFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Legacy", "Fixtures");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    /// <summary>The repository's ../shared/fixtures/confxml, found beside the folder holding SyncConsole.sln; null when absent.</summary>
    public static string? SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "SyncConsole.sln"))) continue;
            var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "confxml"));
            return Directory.Exists(shared) ? shared : null;
        }
        return null;
    }
}
