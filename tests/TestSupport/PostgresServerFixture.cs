using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;
using Xunit;

namespace SyncConsole.TestSupport;

/// <summary>
/// A real PostgreSQL server (Debian's <c>postgresql</c> package) for one test collection: <c>initdb</c> into a temp
/// folder as an unprivileged user (PostgreSQL refuses root), <c>pg_ctl start</c> on a free 127.0.0.1 port with its
/// socket in that folder, password (SCRAM) authentication over TCP. Each test gets its own database, cloned from a
/// template that is built (migrated) once. Stopped and deleted at the end, also when a test failed.
/// </summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    public const string User = "syncconsole";
    private readonly ConcurrentDictionary<string, Lazy<Task>> templates = new();
    private TempDirectory? root;
    private string binDirectory = "";
    private string? runAs;
    private int databases;

    public int Port { get; private set; }
    /// <summary>The superuser's password: SCRAM over TCP, so connection strings hold a real secret (tests check it is never shown).</summary>
    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
    /// <summary>How long initdb + pg_ctl start took.</summary>
    public TimeSpan StartDuration { get; private set; }
    private string DataDirectory => root!.Combine("data");

    public string ConnectionString(string database, bool pooling = true) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Database = database, Username = User, Password = Password, Pooling = pooling,
    }.ToString();

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        binDirectory = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL's initdb and pg_ctl were not found in /usr/lib/postgresql/*/bin, /usr/local/bin or PATH: install the postgresql package (test.sh does)");
        runAs = Environment.UserName == "root" ? UnprivilegedUser() : null;
        root = new TempDirectory("syncconsole-pg");
        try
        {
            var passwordFile = root.Combine("pwfile");
            await File.WriteAllTextAsync(passwordFile, Password + "\n");
            if (runAs is not null) await RunAsync("chown", ["-R", runAs, root.Path]);
            await RunPostgresToolAsync("initdb", ["-D", DataDirectory, "-U", User, "--pwfile", passwordFile, "--auth-local=trust", "--auth-host=scram-sha-256",
                "-E", "UTF8", "--locale=C", "--no-sync"]);
            File.Delete(passwordFile);
            Port = LoopbackPort.Free();
            // Durability is not what these tests check: fsync off keeps CREATE DATABASE and commits fast.
            await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-l", root.Combine("server.log"), "-w", "-t", "60", "-o",
                $"-k {root.Path} -c listen_addresses=127.0.0.1 -p {Port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);
            StartDuration = watch.Elapsed;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the named template database once (<paramref name="build"/> gets its connection string, unpooled).</summary>
    public Task TemplateAsync(string name, Func<string, Task> build) =>
        templates.GetOrAdd(name, n => new Lazy<Task>(async () =>
        {
            await ExecuteAsync($"CREATE DATABASE \"{n}\"");
            await build(ConnectionString(n, pooling: false));
        })).Value;

    /// <summary>A new, empty (or template-cloned) database; returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test", string? template = null)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databases)}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 20, 63)].ToLowerInvariant();
        await ExecuteAsync($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""));
        return name;
    }

    /// <summary>Drops a test database, closing whatever still uses it.</summary>
    public Task DropDatabaseAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres", pooling: false));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (root is null) return;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                await RunPostgresToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped: nothing to do but delete the folder.
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            root.Dispose();
            root = null;
        }
    }

    /// <summary>The newest /usr/lib/postgresql/N/bin, else a folder on /usr/local/bin or PATH with initdb and pg_ctl.</summary>
    private static string? FindBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin"))
            : [];
        candidates = candidates.Append("/usr/local/bin").Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>PostgreSQL will not run as root: the package's own <c>postgres</c> user, else <c>nobody</c>.</summary>
    private static string UnprivilegedUser() =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    private Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments) =>
        runAs is null
            ? RunAsync(Path.Combine(binDirectory, tool), arguments)
            : RunAsync("runuser", ["-u", runAs, "--", Path.Combine(binDirectory, tool), .. arguments]);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments.Take(3))}... exited {process.ExitCode}: {await stderr}{await stdout}");
    }
}
