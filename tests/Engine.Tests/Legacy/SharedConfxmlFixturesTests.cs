using SyncConsole.TestSupport;
using SyncConsole.Engine.Legacy;
using Xunit.Abstractions;

namespace SyncConsole.Engine.Tests.Legacy;

/// <summary>Runs the importer over every real-world file in ../shared/fixtures/confxml (beside the repository).</summary>
public class SharedConfxmlFixturesTests(ITestOutputHelper output)
{
    // The real files name machines that are not this one (/opt/tongbu, /data/...): existence is not the point here.
    private static readonly ConfxmlImporter Importer = new(new ConfxmlImportOptions { DirectoryExists = _ => true, ReadPasswordFile = _ => (null, "is not read in this test") });

    /// <summary>Expected outcome by file-name prefix; files added later only need to import or fail clearly.</summary>
    private static readonly Dictionary<string, string?> ExpectedError = new()
    {
        ["01"] = null, ["02"] = null, ["03"] = null, ["05"] = null, ["06"] = null, ["07"] = null, ["12"] = null, ["13"] = null,
        ["04"] = "{TARGET_HOST}",
        ["08"] = "{target_host}",
        ["11"] = "template",
        // Chinese descriptions left in place of the address: not a host, so nothing is imported.
        ["09"] = "is not a host name or IP address",
        ["10"] = "is not a host name or IP address",
    };

    [SkippableFact]
    public async Task ImportFileAsync_EverySharedFixture_ImportsOrFailsWithALineNumberedReason()
    {
        var folder = SharedFixtures.ConfxmlFolderOrSkip();

        var files = Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories).Order().ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var plan = await Importer.ImportFileAsync(file);
            var name = Path.GetFileName(file);
            output.WriteLine($"=== {name}: {(plan.CanImport ? "imports" : "fails")}");
            output.WriteLine(plan.Report.ToString());

            if (plan.CanImport)
            {
                Assert.NotNull(plan.Job);
                Assert.NotEmpty(plan.Job!.Remotes);
                Assert.StartsWith("/", plan.Job.WatchPath);
                // Round trip: what the export writes imports back to the same job and settings.
                var again = Importer.Import(ConfxmlExporter.Export(plan.Job, plan.Settings!).ToBytes());
                Assert.True(again.CanImport, again.Report.ToString());
                Assert.Equal(ConfxmlRoundTripTests.Snapshot(plan), ConfxmlRoundTripTests.Snapshot(again));
            }
            else
            {
                Assert.All(plan.Report.Errors, e =>
                {
                    Assert.NotNull(e.Line);
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                });
            }

            if (ExpectedError.TryGetValue(name[..2], out var expected) && Path.GetFileName(Path.GetDirectoryName(file)) == "real")
            {
                if (expected is null) Assert.True(plan.CanImport, $"{name} should import: {plan.Report}");
                else Assert.Contains(plan.Report.Errors, e => e.Message.Contains(expected, StringComparison.Ordinal));
            }
        }
    }
}
