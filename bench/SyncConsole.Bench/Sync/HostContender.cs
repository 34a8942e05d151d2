using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// The whole SyncConsole host (web UI, API, SQLite, Quartz, SignalR and the engine) as an administrator runs it:
/// <c>dotnet SyncConsole.Web.dll</c> with its own data directory, one remote and one job made through the REST API.
/// <paramref name="hostDll"/> is the built host (bench/sync.sh builds it in Release).
/// </summary>
internal sealed class HostContender(string hostDll, IReadOnlyDictionary<string, string>? environment = null) : Contender
{
    public override string Name => "SyncConsole host";

    public override async Task StartAsync(string src, Target target, string workDir)
    {
        var port = FreePort();
        var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { hostDll, "--urls", $"http://127.0.0.1:{port}", $"--SyncConsole:DataDirectory={Path.Combine(workDir, "data")}" })
            psi.ArgumentList.Add(a);
        psi.Environment["SYNCCONSOLE_API_KEY"] = apiKey;
        psi.Environment["SYNCCONSOLE_ADMIN_PASSWORD"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        Process = Process.Start(psi)!;
        _ = Process.StandardOutput.ReadToEndAsync();
        _ = Process.StandardError.ReadToEndAsync();

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        await WaitUntilAsync(() => Ok(http, "/api/system"), TimeSpan.FromMinutes(2), "SyncConsole host");
        var remote = await PostAsync(http, "/api/remotes", new
        {
            name = "bench", host = target.Host, transport = "daemon", moduleOrPath = target.Module, user = target.User,
            password = File.ReadAllText(target.PasswordFile).TrimEnd('\n'), port = target.Port,
        });
        var job = await PostAsync(http, "/api/jobs", new
        {
            name = "bench", watchPath = src, rsyncParams = "-a", deleteEnabled = true, initialFullSync = false,
            remoteIds = new[] { remote.GetProperty("id").GetInt32() },
        });
        // The job starts in the background: ready once it watches the whole tree.
        var expected = Directory.GetDirectories(src, "*", SearchOption.AllDirectories).Length + 1;
        var status = $"/api/jobs/{job.GetProperty("id").GetInt32()}/status";
        await WaitUntilAsync(() => WatchedFolders(http, status) >= expected, TimeSpan.FromMinutes(5), "the host's job");
    }

    private static int WatchedFolders(HttpClient http, string path)
    {
        try
        {
            var text = http.GetStringAsync(path).GetAwaiter().GetResult();
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.GetProperty("state").GetString() is "watching" or "syncing"
                ? doc.RootElement.GetProperty("watchedFolders").GetInt32() : -1;
        }
        catch (HttpRequestException) { return -1; }
    }

    private static bool Ok(HttpClient http, string path)
    {
        try { return http.GetAsync(path).GetAwaiter().GetResult().IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
