using SyncConsole.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;
using static SyncConsole.Web.Tests.Import.ImportTestClient;

namespace SyncConsole.Web.Tests.Import;

/// <summary>The REST dry run over every real-world confxml.xml in ../shared/fixtures/confxml/real (beside the repository).</summary>
public sealed partial class SharedConfxmlDryRunTests(ImportFactory factory, ITestOutputHelper output) : IClassFixture<ImportFactory>
{
    [SkippableFact]
    public async Task DryRun_EveryRealFile_Is200WithoutErrorsOr400NamingALine()
    {
        var folder = SharedFixtures.RealConfxmlFolderOrSkip();
        using var client = factory.CreateApiClient();
        var before = await CountRowsAsync(factory.Services);
        var files = Directory.EnumerateFiles(folder, "*.xml").Order().ToList();
        Assert.NotEmpty(files);

        foreach (var file in files)
        {
            var response = await UploadAsync(client, await File.ReadAllBytesAsync(file), "?dryRun=true");
            output.WriteLine($"{Path.GetFileName(file)}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal(0, (await ReadImportAsync(response)).Report.Counts.Error);
                continue;
            }
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            output.WriteLine(problem.GetProperty("detail").GetString());
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.Equal(JsonValueKind.Number, e.GetProperty("line").ValueKind));
            Assert.Matches(@"^line \d+: Error: ", problem.GetProperty("detail").GetString());
        }
        Assert.Equal(before, await CountRowsAsync(factory.Services));
    }

    [SkippableFact]
    public async Task DryRun_RealFilesWatchingAnExistingFolder_PassTheApiValidatorsToo()
    {
        var folder = SharedFixtures.RealConfxmlFolderOrSkip();
        using var client = factory.CreateApiClient();
        using var watch = new SyncConsole.TestSupport.TempDirectory("syncconsole-realwatch");
        // The files the engine's importer accepts (see Engine.Tests' SharedConfxmlFixturesTests): only their
        // machine's folders are missing here.
        string[] importable = ["01", "02", "03", "05", "06", "07", "12", "13"];
        foreach (var file in Directory.EnumerateFiles(folder, "*.xml").Where(f => importable.Contains(Path.GetFileName(f)[..2])).Order())
        {
            var text = WatchAttribute().Replace(await File.ReadAllTextAsync(file), $"watch=\"{watch.Path}\"");
            var response = await UploadAsync(client, System.Text.Encoding.UTF8.GetBytes(text), "?dryRun=true");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Path.GetFileName(file)}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("watch=\"[^\"]*\"")]
    private static partial System.Text.RegularExpressions.Regex WatchAttribute();
}
