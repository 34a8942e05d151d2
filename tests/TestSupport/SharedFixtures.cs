using Xunit;

namespace SyncConsole.TestSupport;

/// <summary>
/// The project's ../shared/fixtures (real sersync files admins bring), found beside the folder that holds
/// SyncConsole.sln. A test that needs them calls <see cref="ConfxmlFolderOrSkip"/> from a [SkippableFact]: it is
/// reported "skipped" where the folder is absent, and fails in CI, where the folder is always laid beside the clone.
/// </summary>
public static class SharedFixtures
{
    /// <summary>../shared/fixtures/confxml, or null when absent.</summary>
    public static string? ConfxmlFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "SyncConsole.sln"))) continue;
            var shared = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures", "confxml"));
            return Directory.Exists(shared) ? shared : null;
        }
        return null;
    }

    /// <summary>../shared/fixtures/confxml, or a skip (a failure when CI=true) naming what is missing.</summary>
    public static string ConfxmlFolderOrSkip()
    {
        var folder = ConfxmlFolder();
        if (folder is not null) return folder;
        const string why = "../shared/fixtures/confxml is not beside the repository";
        if (Environment.GetEnvironmentVariable("CI") == "true")
            throw new InvalidOperationException($"{why}: CI always lays it there, so its absence is a failure");
        throw new SkipException($"{why}: the real-file tests are skipped");
    }

    /// <summary>../shared/fixtures/confxml/real, or a skip as <see cref="ConfxmlFolderOrSkip"/>.</summary>
    public static string RealConfxmlFolderOrSkip()
    {
        var real = Path.Combine(ConfxmlFolderOrSkip(), "real");
        Skip.IfNot(Directory.Exists(real), $"{real} is missing: the real-file tests are skipped");
        return real;
    }
}
