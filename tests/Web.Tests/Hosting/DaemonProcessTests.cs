using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SyncConsole.TestSupport;
using SyncConsole.Web.Cli;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Tests.Hosting;

/// <summary>
/// The built SyncConsole.Web.dll as a daemon: started by <c>dotnet</c> as a child process from <c>/</c> (not the
/// install or repository folder), as systemd or an administrator in another folder would.
/// </summary>
public sealed class DaemonProcessTests : IDisposable
{
    private const string ApiKey = "daemon-test-api-key-3c9d";
    private readonly TempDirectory temp = new("syncconsole-daemon");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        temp.Dispose();
    }

    private Dictionary<string, string?> Environment(string dataDirectory, int? port = null) => new()
    {
        ["SyncConsole__DataDirectory"] = dataDirectory,
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port ?? LoopbackPort.Free()}",
        ["SYNCCONSOLE_API_KEY"] = ApiKey,
        ["SYNCCONSOLE_ADMIN_PASSWORD"] = "daemon test password",
    };

    [Theory]
    [InlineData("--help", "Usage:")]
    [InlineData("-h", "check-config")]
    [InlineData("help import", "--dry-run")]
    [InlineData("--version", null)]
    public async Task HelpAndVersion_ExitZeroWithoutStartingAnything(string line, string? expected)
    {
        var data = temp.Combine("data");

        var (exit, output, errors) = await WebProcess.RunAsync("/", Environment(data), line.Split(' '));

        Assert.True(exit == 0, errors);
        Assert.Equal("", errors);
        Assert.Contains(expected ?? SystemState.Version, output);
        // A server would have created its data directory (and never exited by itself).
        Assert.False(Directory.Exists(data), "the data directory was created: something started");
    }

    [Fact]
    public async Task Server_StartedFromRoot_ServesCssReadsItsSettingsStartsACliImportAtOnceAndExitsZeroOnSigterm()
    {
        var data = temp.Combine("data");
        var port = LoopbackPort.Free();
        using var server = WebProcess.Start("/", Environment(data, port));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var login = await WaitForPageAsync(http, server, "/login");
        var sheets = Regex.Matches(login, "href=\"([^\"]+\\.css)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(sheets, s => s.Contains("app", StringComparison.Ordinal));
        foreach (var sheet in sheets)
        {
            using var css = await http.GetAsync("/" + sheet.TrimStart('/'));
            var bytes = await css.Content.ReadAsByteArrayAsync();
            Assert.True(css.StatusCode == HttpStatusCode.OK && bytes.Length > 100, $"{sheet}: {(int)css.StatusCode}, {bytes.Length} bytes");
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        }
        // The application's appsettings.json (EF Core at Warning) was read: no per-query SQL at Information.
        Assert.DoesNotContain("Executed DbCommand", server.Output);
        // Docker's HEALTHCHECK: the app's own command finds the server from the same settings.
        var health = await WebProcess.RunAsync("/", Environment(data, port), "healthcheck");
        Assert.True(health.Exit == 0, health.Err);
        Assert.Contains("\"database\":\"ready\"", health.Out);

        // The CLI imports a job into the same data directory; the running server starts it without a restart.
        Directory.CreateDirectory(temp.Combine("watch"));
        var confxml = temp.Combine("confxml.xml");
        await File.WriteAllBytesAsync(confxml, new TestConfxml { Watch = temp.Combine("watch"), Remotes = [("127.0.0.7", "www")] }.ToBytes());
        var import = await WebProcess.RunAsync("/", Environment(data), "import", confxml, "--name", "live-import");
        Assert.True(import.Exit == 0, import.Out + import.Err);
        Assert.Contains("A running server starts it at once", import.Out);
        var id = int.Parse(Regex.Match(import.Out, @"as #(\d+)").Groups[1].Value);
        var state = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(15); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync($"/api/jobs/{id}/status"));
            state = status.RootElement.GetProperty("state").GetString()!;
            if (state != "starting") break;
        }
        Assert.Contains(state, new[] { "watching", "syncing" });

        var stopping = DateTime.UtcNow;
        server.Terminate();
        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(40));
        Assert.True(exit == 0, server.Errors);
        Assert.True(DateTime.UtcNow - stopping < TimeSpan.FromSeconds(30), $"stop took {DateTime.UtcNow - stopping}");
        Assert.DoesNotContain("   at ", server.Output + server.Errors);
    }

    [Fact]
    public async Task Server_SigtermDuringASlowRsync_StopsItWithinTheGraceKeepsItsPathInTheFailLogAndExitsZero()
    {
        await using var daemon = await RsyncDaemonFixture.StartNewAsync();
        var data = temp.Combine("data");
        var watch = Directory.CreateDirectory(temp.Combine("watch")).FullName;
        var port = LoopbackPort.Free();
        var environment = Environment(data, port);
        environment["SyncConsole__Engine__ShutdownGraceSeconds"] = "2";
        using var server = WebProcess.Start("/", environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        await WaitForPageAsync(http, server, "/healthz");

        // 20 KB/s: a 2 MB file takes ~100 s, far longer than the 2 s grace.
        var remote = await http.PostAsJsonAsync("/api/remotes", new Contracts.RemoteRequest
        {
            Name = "slow", Host = "127.0.0.1", ModuleOrPath = daemon.ModuleName, User = daemon.User, Password = daemon.Password,
            Port = daemon.Port, TimeoutSeconds = 30, BandwidthLimitKbps = 20,
        });
        Assert.True(remote.IsSuccessStatusCode, await remote.Content.ReadAsStringAsync());
        var remoteId = (await remote.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var job = await http.PostAsJsonAsync("/api/jobs", new Contracts.JobRequest { Name = "slow", WatchPath = watch, RsyncParams = "-artuz", RemoteIds = [remoteId] });
        Assert.True(job.IsSuccessStatusCode, await job.Content.ReadAsStringAsync());
        var jobId = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await WaitForStateAsync(http, jobId, "watching");

        await File.WriteAllBytesAsync(Path.Combine(watch, "big.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(2_000_000));
        await WaitForStateAsync(http, jobId, "syncing");
        await Task.Delay(1000);

        var stopping = DateTime.UtcNow;
        server.Terminate();
        var exit = await server.WaitForExitAsync(TimeSpan.FromSeconds(40));
        var took = DateTime.UtcNow - stopping;

        Assert.True(exit == 0, server.Errors);
        Assert.True(took < TimeSpan.FromSeconds(15), $"stop took {took}");
        await using var db = new Data.SyncConsoleDbContext(new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Data.SyncConsoleDbContext>()
            .UseSqlite(Data.SyncConsoleDatabase.ConnectionString(Path.Combine(data, Data.SyncConsoleDatabase.FileName))).Options);
        var pending = await db.FailLog.Where(e => e.JobId == jobId && e.State == FailLogState.Pending).ToListAsync();
        Assert.Contains(pending, e => e.Paths.Any(p => p.RelativePath == "big.bin"));
    }

    private static async Task WaitForStateAsync(HttpClient http, int jobId, string expected)
    {
        var state = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(100))
        {
            using var status = JsonDocument.Parse(await http.GetStringAsync($"/api/jobs/{jobId}/status"));
            state = status.RootElement.GetProperty("state").GetString()!;
            if (state == expected) return;
        }
        throw new TimeoutException($"job {jobId} never became {expected} (last: {state})");
    }

    [Fact]
    public async Task Healthcheck_NoServer_Exits1()
    {
        var (exit, _, errors) = await WebProcess.RunAsync("/", Environment(temp.Combine("data")), "healthcheck");

        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("/healthz", errors);
    }

    public enum Fault { PortInUse, DataDirectoryIsAFile, CorruptDatabase, InvalidSetting, SettingOfTheWrongType, AdminFileNotJson }

    [Theory]
    [InlineData(Fault.PortInUse, ExitCodes.PortInUse, "already in use")]
    [InlineData(Fault.DataDirectoryIsAFile, ExitCodes.DataDirectoryUnusable, "data directory")]
    [InlineData(Fault.CorruptDatabase, ExitCodes.DatabaseError, "syncconsole.db cannot be used")]
    [InlineData(Fault.InvalidSetting, ExitCodes.ConfigInvalid, "SyncConsole:Engine:RunsPerRemote must be at least 1")]
    [InlineData(Fault.SettingOfTheWrongType, ExitCodes.ConfigInvalid, "SyncConsole:HistoryDays")]
    [InlineData(Fault.AdminFileNotJson, ExitCodes.ConfigInvalid, "admin.json is not valid JSON")]
    public async Task Server_StartUpFault_OneLineAndItsExitCode(Fault fault, int expectedExit, string expectedText)
    {
        var data = temp.Combine("data");
        var port = LoopbackPort.Free();
        var environment = Environment(data, port);
        using var busy = new TcpListener(IPAddress.Loopback, fault == Fault.PortInUse ? port : 0);
        busy.Start();
        switch (fault)
        {
            case Fault.DataDirectoryIsAFile:
                await File.WriteAllTextAsync(temp.Combine("file"), "not a folder");
                environment["SyncConsole__DataDirectory"] = temp.Combine("file", "data");
                break;
            case Fault.CorruptDatabase:
                Directory.CreateDirectory(data);
                await File.WriteAllTextAsync(Path.Combine(data, "syncconsole.db"), new string('x', 8192));
                break;
            case Fault.InvalidSetting:
                environment["SyncConsole__Engine__RunsPerRemote"] = "0";
                break;
            case Fault.SettingOfTheWrongType:
                environment["SyncConsole__HistoryDays"] = "thirty";
                break;
            case Fault.AdminFileNotJson:
                await File.WriteAllTextAsync(temp.Combine("admin.json"), "{ \"SyncConsole\": ");
                environment[ConfigurationLayers.ConfigVariable] = temp.Combine("admin.json");
                break;
        }

        var (exit, output, errors) = await WebProcess.RunAsync("/", environment);

        Assert.True(exit == expectedExit, $"exit {exit}: {output}{errors}");
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expectedText, line);
        Assert.StartsWith("SyncConsole cannot start:", line);
        Assert.DoesNotContain("   at ", output + errors);
    }

    [Fact]
    public async Task CheckConfig_LayersAppFileAdminFileEnvironmentAndCommandLine()
    {
        // The admin's file overrides the application's appsettings.json (DefaultUrls 127.0.0.1:5080) ...
        var adminFile = temp.Combine("syncconsole.json");
        await File.WriteAllTextAsync(adminFile, $$"""
            { "SyncConsole": { "DefaultUrls": "http://127.0.0.1:5999", "DataDirectory": "{{temp.Combine("from-file")}}" } }
            """);
        var environment = new Dictionary<string, string?>
        {
            [ConfigurationLayers.ConfigVariable] = adminFile,
            // ... the environment overrides the admin's file ...
            ["SyncConsole__DataDirectory"] = temp.Combine("from-environment"),
        };

        var layered = await WebProcess.RunAsync("/", environment, "check-config");
        // ... and the command line overrides the environment.
        var overridden = await WebProcess.RunAsync("/", environment, "check-config", $"--SyncConsole:DataDirectory={temp.Combine("from-command-line")}");

        Assert.True(layered.Exit == 0, layered.Out + layered.Err);
        Assert.Contains($"settings file:  {adminFile}", layered.Out);
        Assert.Contains("listen:         http://127.0.0.1:5999", layered.Out);
        Assert.Contains($"data directory: {temp.Combine("from-environment")}", layered.Out);
        Assert.Contains($"data directory: {temp.Combine("from-command-line")}", overridden.Out);
        // A check changes nothing.
        Assert.False(Directory.Exists(temp.Combine("from-environment")));
    }

    private static async Task<string> WaitForPageAsync(HttpClient http, WebProcess server, string path)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (server.HasExited) throw new InvalidOperationException($"the server exited: {server.Output}{server.Errors}");
            try { return await http.GetStringAsync(path); }
            catch (HttpRequestException) { }
        }
        throw new TimeoutException($"{path} never answered: {server.Output}{server.Errors}");
    }
}
