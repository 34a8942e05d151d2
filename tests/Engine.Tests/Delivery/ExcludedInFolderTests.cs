using System.Text;
using System.Text.RegularExpressions;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using static SyncConsole.Engine.Tests.Delivery.DeliveryHarness;

namespace SyncConsole.Engine.Tests.Delivery;

/// <summary>
/// A new or moved-in folder goes to rsync as one recursive entry: the job's exclude regexes and the temp-file rule
/// must still keep what they exclude inside it off the remote (and away from --delete).
/// </summary>
public class ExcludedInFolderTests
{
    /// <summary>Files as "path", folders as "path/", relative and '/'-separated, ordinally sorted.</summary>
    private static List<string> Listing(string root) =>
        Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => Path.GetRelativePath(root, p) + (Directory.Exists(p) ? "/" : ""))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Prepares <paramref name="files"/> outside the watch root and moves the folder in, as <c>mv</c> would.</summary>
    private static void MoveIn(DeliveryHarness h, string folder, IEnumerable<string> files)
    {
        using var outside = new TempDirectory("syncconsole-outside");
        foreach (var f in files)
        {
            var full = outside.Combine(folder, f);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, "content of " + f);
        }
        Directory.Move(outside.Combine(folder), h.Path(folder));
    }

    /// <summary>Reads the filter merge file the runner hands rsync while rsync runs; null when there is none.</summary>
    private static Func<string?> CaptureFilterFile(DeliveryHarness h, List<string> commandLines)
    {
        string? rules = null;
        h.Runner.ProcessStarted = pid =>
        {
            var args = Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Split('\0');
            commandLines.Add(string.Join(' ', args));
            var filter = args.FirstOrDefault(a => a.StartsWith("--filter=. ", StringComparison.Ordinal));
            rules = filter is null ? null : File.ReadAllText(filter["--filter=. ".Length..]);
        };
        return () => rules;
    }

    [Fact]
    public async Task DeliverAsync_MovedInFolderWithExcludedPathsAtSeveralDepths_RemoteGetsEverythingElse()
    {
        await using var h = await StartAsync();
        h.Job = h.Job with { ExcludeRegexes = [@"(.*)\.log", @"(.*)/tmp", @"site/cache/.*"] };
        MoveIn(h, "site",
        [
            "index.html", "a/b/keep.txt", ".git/config", "a/b/c/d/deep.txt",
            ".index.html.swp", "notes.txt~", "4913", "a/b/.hidden", "a/b/c/d/.deeper",   // temp-file rule, several depths
            "app.log", "a/b/c/d/deep.log",                                                  // regex on files
            "a/tmp/x.txt", "a/b/c/tmp/y/z.txt", "cache/page.html", "cache/sub/img.png",     // regex on folders
        ]);

        var outcome = await h.DeliverAsync(Tree("site"));

        AssertDelivered(outcome);
        Assert.Equal(
            ["site/", "site/.git/", "site/.git/config", "site/a/", "site/a/b/", "site/a/b/c/", "site/a/b/c/d/", "site/a/b/c/d/deep.txt",
             "site/a/b/keep.txt", "site/index.html"],
            Listing(h.Daemon.ModulePath));
        Assert.Empty(outcome.Warnings);
    }

    [Fact]
    public async Task DeliverAsync_RemoteHoldsCopiesOfExcludedPaths_TheyAreNeitherOverwrittenNorDeleted()
    {
        await using var h = await StartAsync();
        h.Job = h.Job with { ExcludeRegexes = [@"(.*)/cache"] };
        foreach (var (path, content) in new[] { ("site/cache/old.bin", "remote only"), ("site/cache/page.html", "remote page"),
                                                ("site/draft.txt~", "remote draft"), ("site/stale.txt", "stale") })
        {
            var full = Path.Combine(h.Daemon.ModulePath, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }
        MoveIn(h, "site", ["index.html", "cache/page.html", "draft.txt~"]);

        AssertDelivered(await h.DeliverAsync(Tree("site")));

        // --delete was on (the stale file went), yet the excluded paths were protected from it.
        Assert.Equal(
            ["site/", "site/cache/", "site/cache/old.bin", "site/cache/page.html", "site/draft.txt~", "site/index.html"],
            Listing(h.Daemon.ModulePath));
        Assert.Equal("remote page", File.ReadAllText(Path.Combine(h.Daemon.ModulePath, "site/cache/page.html")));
        Assert.Equal("remote draft", File.ReadAllText(Path.Combine(h.Daemon.ModulePath, "site/draft.txt~")));
    }

    [Fact]
    public async Task DeliverAsync_ExcludedNamesWithRsyncSpecialCharacters_MatchExactlyTheseNames()
    {
        await using var h = await StartAsync();
        // Each excluded name next to a kept one that the name would match if its wildcards were not escaped.
        string[] excluded = ["x[1]", "a*b", "q?", "back\\slash", "back\\*star", "with space", "trailing space ", " leading space", "new\nline", "#hash", "dir [x]*"];
        string[] kept = ["x1", "aZZb", "qz", "back\\Zstar", "withspace", "trailing space", "leading space", "new", "hash", "dir [x]y"];
        h.Job = h.Job with { IgnoreTempFiles = false, ExcludeRegexes = [.. excluded.Select(n => "/site/" + Regex.Escape(n))] };
        MoveIn(h, "site", [.. excluded.Where(n => n != "dir [x]*"), .. kept.Where(n => n != "dir [x]y"), "dir [x]*/inner.txt", "dir [x]y/inner.txt"]);

        AssertDelivered(await h.DeliverAsync(Tree("site")));

        var expected = kept.Select(n => "site/" + n).Append("site/").Append("site/dir [x]y/").Append("site/dir [x]y/inner.txt")
            .Where(p => p != "site/dir [x]y").Order(StringComparer.Ordinal);
        Assert.Equal(expected, Listing(h.Daemon.ModulePath));
    }

    [Fact]
    public async Task DeliverAsync_JobWithoutFilters_NoWalkAndNoFilterRules_EverythingSent()
    {
        await using var h = await StartAsync();
        h.Job = h.Job with { IgnoreTempFiles = false, ExcludeRegexes = [] };
        MoveIn(h, "site", ["index.html", ".hidden", "notes.txt~", "cache/x.log"]);
        var commandLines = new List<string>();
        var rules = CaptureFilterFile(h, commandLines);

        AssertDelivered(await h.DeliverAsync(Tree("site")));

        // The same command as before this feature: no merge file at all.
        Assert.DoesNotContain("--filter", Assert.Single(commandLines));
        Assert.Null(rules());
        TreeAssert.Identical(h.Source, h.Daemon.ModulePath);

        // The same folder again, now with the temp-file rule on: the run gets the rules, and only those.
        h.Job = h.Job with { IgnoreTempFiles = true };
        AssertDelivered(await h.DeliverAsync(Tree("site")));
        Assert.Contains("--filter=. ", commandLines[^1]);
        Assert.Equal("- /site/.hidden\0- /site/notes.txt~\0", rules());
    }

    [Fact]
    public async Task DeliverAsync_MoreExcludedPathsThanTheCap_WarnsAndSendsTheRest()
    {
        await using var h = await StartAsync(new DeliveryOptions { MaxExcludedPaths = 3 });
        MoveIn(h, "site", ["keep.txt", .. Enumerable.Range(0, 6).Select(i => $".tmp{i}")]);
        using var sub = h.Events.Subscribe();

        var outcome = await h.DeliverAsync(Tree("site"));

        AssertDelivered(outcome);
        Assert.Contains("more than 3", Assert.Single(outcome.Warnings));
        var remote = Listing(h.Daemon.ModulePath);
        Assert.Contains("site/keep.txt", remote);
        Assert.Equal(3, remote.Count(p => p.StartsWith("site/.tmp", StringComparison.Ordinal))); // 6 excluded, 3 kept back
        var events = new List<EngineEvent>();
        while (sub.Reader.TryRead(out var e)) events.Add(e);
        Assert.Contains(events, e => e.Kind == EngineEventKind.DeliveryWarning && e.Path == "site");
    }
}
