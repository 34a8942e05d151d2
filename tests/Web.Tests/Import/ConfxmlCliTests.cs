using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.TestSupport;
using SyncConsole.Web.Cli;

namespace SyncConsole.Web.Tests.Import;

/// <summary>
/// <c>dotnet SyncConsole.Web.dll import|export</c> as a separate process on a temp data directory: the same executable
/// as the server, which must run the command and exit without listening.
/// </summary>
public sealed class ConfxmlCliTests : IDisposable
{
    private readonly TempDirectory temp = new("syncconsole-cli");
    private string DataDirectory => temp.Combine("data");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    private static string WebDll() => Hosting.WebProcess.Dll();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = SyncConsoleFactory.RepositoryRoot,
        };
        psi.ArgumentList.Add(WebDll());
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        psi.Environment["SyncConsole__DataDirectory"] = DataDirectory;
        // A server that started by mistake would hang here; the timeout makes that a failure instead.
        psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw new TimeoutException($"{string.Join(' ', args)} did not exit"); }
        return (process.ExitCode, await stdout, await stderr);
    }

    private SyncConsoleDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SyncConsoleDbContext>()
            .UseSqlite(SyncConsoleDatabase.ConnectionString(Path.Combine(DataDirectory, SyncConsoleDatabase.FileName))).Options);

    [Fact]
    public async Task ImportThenExport_OnTheDll_CreatesTheJobAndWritesItBack()
    {
        Directory.CreateDirectory(temp.Combine("watch"));
        // Any readable file: the CLI runs as an administrator on the host.
        var passwordFile = ImportFactory.WritePasswordFile(temp.Path, "my-credentials", "cli-secret");
        var confxml = temp.Combine("confxml.xml");
        await File.WriteAllBytesAsync(confxml, new TestConfxml
        {
            Watch = temp.Combine("watch"), Remotes = [("127.0.0.7", "www")], Auth = true, Users = "syncuser", PasswordFile = passwordFile,
            LiveExcludes = [@"(.*)\.bak"], CrontabMinutes = 30, CrontabExcludes = ["*.tmp"], CommandPlugin = true,
        }.ToBytes());

        var dry = await RunAsync("import", confxml, "--dry-run", "--name", "cli-job");
        Assert.Equal((0, ""), (dry.Exit, dry.Err.Trim()));
        Assert.Matches(@"(?m)^line \d+: Info: remote ""127\.0\.0\.7::www""", dry.Out);
        Assert.Contains("nothing was written", dry.Out);
        await using (var db = OpenDatabase()) Assert.Equal(0, await db.Jobs.CountAsync());

        var import = await RunAsync("import", confxml, "--name", "cli-job");
        Assert.True(import.Exit == 0, import.Err);
        Assert.Contains("Imported job \"cli-job\"", import.Out);
        await using (var db = OpenDatabase())
        {
            var job = await db.Jobs.Include(j => j.FilterRules).Include(j => j.Plugins).Include(j => j.JobRemotes).ThenInclude(jr => jr.Remote).SingleAsync();
            Assert.Equal(("cli-job", 30), (job.Name, job.FullSyncIntervalMinutes));
            Assert.Equal(2, job.FilterRules.Count);
            Assert.Single(job.Plugins);
            var remote = Assert.Single(job.JobRemotes).Remote!;
            Assert.NotNull(remote.ProtectedPassword);
            Assert.DoesNotContain("cli-secret", remote.ProtectedPassword);
        }

        var again = await RunAsync("import", confxml, "--name", "cli-job");
        Assert.Equal(CommandLine.Failed, again.Exit);
        Assert.Contains("a job named \"cli-job\" already exists", again.Out);

        var exported = temp.Combine("exported.xml");
        var export = await RunAsync("export", "cli-job", "-o", exported);
        Assert.True(export.Exit == 0, export.Err);
        var xml = await File.ReadAllTextAsync(exported);
        Assert.Contains("<remote ip=\"127.0.0.7\" name=\"www\" />", xml);
        Assert.DoesNotContain("cli-secret", xml);

        // The same module as cli-job: only in a folder of its own, and not while cli-job fills the whole module.
        var overlapping = await RunAsync("import", exported, "--dry-run", "--name", "cli-copy", "--destination", "copy");
        Assert.Equal(CommandLine.Failed, overlapping.Exit);
        Assert.Contains("job 'cli-job'", overlapping.Out);
        await using (var db = OpenDatabase()) await db.JobRemotes.ExecuteUpdateAsync(u => u.SetProperty(jr => jr.Destination, "cli"));
        var reimport = await RunAsync("import", exported, "--dry-run", "--name", "cli-copy", "--destination", "copy");
        Assert.True(reimport.Exit == 0, reimport.Out + reimport.Err);
        Assert.Contains("already exists as remote #", reimport.Out);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("import a.xml --bogus")]
    [InlineData("import a.xml b.xml")]
    [InlineData("export 1 -o")]
    [InlineData("export")]
    public async Task RunAsync_BadArguments_Returns2WithTheUsage(string line)
    {
        var command = CommandLine.Parse(line.Split(' '));
        var error = new StringWriter();

        // A usage error is answered before any service is needed.
        var exit = await CommandLine.RunAsync(command!, services: null!, new StringWriter(), error);

        Assert.Equal(CommandLine.UsageError, exit);
        Assert.Contains("Usage:", error.ToString());
    }

    [Fact]
    public void Parse_NoVerb_IsServeWithTheHostsArguments()
    {
        Assert.Equal(CliCommand.Serve, CommandLine.Parse([]).Verb);
        var serve = CommandLine.Parse(["--urls", "http://127.0.0.1:5000", "--SyncConsole:DataDirectory=/srv/sc"]);
        Assert.Equal((CliCommand.Serve, null), (serve.Verb, serve.UsageError));
        Assert.Equal(["--SyncConsole:DataDirectory=/srv/sc", "--urls=http://127.0.0.1:5000"], serve.HostArgs);
        Assert.Equal(("import", "/x.xml", true, "n"), CommandLine.Parse(["import", "/x.xml", "--dry-run", "--name", "n"]) is { } c ? (c.Verb, c.Target, c.DryRun, c.Name) : default);
    }

    [Fact]
    public async Task BadArguments_OnTheDll_Exit2()
    {
        var (exit, _, err) = await RunAsync("import");

        Assert.Equal(CommandLine.UsageError, exit);
        Assert.Contains("Usage:", err);
    }

    [Fact]
    public async Task ExportUnknownJob_Exits1()
    {
        var (exit, _, err) = await RunAsync("export", "no-such-job");

        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("no-such-job", err);
    }
}
