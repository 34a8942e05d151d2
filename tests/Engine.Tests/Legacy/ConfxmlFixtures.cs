namespace SyncConsole.Engine.Tests.Legacy;

/// <summary>The hand-written confxml.xml variants under Legacy/Fixtures (copied to the test output).</summary>
internal static class ConfxmlFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Legacy", "Fixtures");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

}
