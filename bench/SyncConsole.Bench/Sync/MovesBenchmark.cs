using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SyncConsole.TestSupport;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// <c>moves [--trials N] [--folder-mib N] [--file-mib N] [--out FILE]</c>: a delivered folder renamed and a large file
/// moved into another folder, per step; SyncConsole, lsyncd and the floor (one plain <c>rsync -a --delete</c> of the
/// final tree, with and without TCP_NODELAY) against one loopback daemon. Bytes are what the daemon's log says it
/// received per connection ("sent … received N bytes"), summed over the step's connections: the same count for every tool.
/// </summary>
internal static class MovesBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var trials = int.Parse(Arg(args, "--trials") ?? "3", CultureInfo.InvariantCulture);
        var folderMiB = int.Parse(Arg(args, "--folder-mib") ?? "200", CultureInfo.InvariantCulture);
        var fileMiB = int.Parse(Arg(args, "--file-mib") ?? "50", CultureInfo.InvariantCulture);
        var lsyncdDelay = double.Parse(Arg(args, "--lsyncd-delay") ?? "0.1", CultureInfo.InvariantCulture);
        var output = Arg(args, "--out");
        var workload = new RenameFolderAndMoveFile(folderMiB, fileMiB);

        await using var daemon = await RsyncDaemonFixture.StartNewAsync("bench");
        using var work = new TempDirectory("syncconsole-bench-moves");
        var target = Target.For(daemon, work);
        var log = new DaemonBytes(daemon.LogPath);

        var report = new StringBuilder();
        report.AppendLine($"rsync daemon on 127.0.0.1:{daemon.Port}; {Environment.ProcessorCount} cores; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {trials} trial(s)");
        report.AppendLine();
        report.AppendLine("| workload | tool | bytes sent per step (p50) | latency after the move (p50) | ratio to floor | ratio to floor with TCP_NODELAY | verified |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        Console.Error.WriteLine($"== {workload.Description}: {trials} trial(s)");
        var floor = await MeasureFloorAsync(workload, trials, work, target, log, noDelay: false);
        var floorNoDelay = await MeasureFloorAsync(workload, trials, work, target, log, noDelay: true);
        var rows = new List<(string Tool, Step Step, int Differences)>
        {
            ("floor: rsync -a --delete", floor, 0),
            ("floor with TCP_NODELAY", floorNoDelay, 0),
        };
        foreach (var contender in new Contender[] { new SyncConsoleContender(), new LsyncdContender(lsyncdDelay) })
        {
            var (step, differences) = await MeasureContenderAsync(contender, workload, trials, work, target, log);
            rows.Add((contender.Name, step, differences));
        }
        foreach (var (tool, step, differences) in rows)
        {
            var line = $"| {workload.Description} | {tool} | {Mib(step.Bytes)} | {step.Latency.TotalMilliseconds:0} ms | " +
                       $"**{step.Latency / floor.Latency:0.00}×** | {step.Latency / floorNoDelay.Latency:0.00}× | {(differences == 0 ? "identical" : differences + " differences")} |";
            Console.Error.WriteLine("   " + line);
            report.AppendLine(line);
        }
        Console.WriteLine(report);
        if (output is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            File.WriteAllText(output, report.ToString());
        }
        return 0;
    }

    private sealed record Step(long Bytes, TimeSpan Latency);

    private static async Task<Step> MeasureFloorAsync(Workload workload, int trials, TempDirectory work, Target target, DaemonBytes log, bool noDelay)
    {
        var src = await Replica.FreshAsync(workload, trials, work, target);
        var steps = new List<Step>();
        for (var t = 0; t < trials; t++)
        {
            workload.Apply(src, t);
            var mark = log.Mark();
            var sw = Stopwatch.StartNew();
            string[] extra = noDelay ? ["--sockopts=TCP_NODELAY"] : [];
            var code = await Replica.RunRsyncAsync(["-a", "--delete", $"--password-file={target.PasswordFile}", .. extra, src + "/", target.Url]);
            if (code != 0) throw new InvalidOperationException($"floor rsync exited {code}");
            var elapsed = sw.Elapsed;
            steps.Add(new Step(await log.ReceivedSinceAsync(mark, connections: 1), elapsed));
        }
        return Median(steps);
    }

    private static async Task<(Step, int)> MeasureContenderAsync(Contender contender, Workload workload, int trials, TempDirectory work, Target target, DaemonBytes log)
    {
        var src = await Replica.FreshAsync(workload, trials, work, target);
        var toolDir = Directory.CreateTempSubdirectory("contender-").FullName;
        await contender.StartAsync(src, target, toolDir);
        try
        {
            File.WriteAllText(Path.Combine(src, "warm-up.txt"), "warm-up");
            await ConvergenceProbe.WaitAsync(target.ModulePath, Expectation.For(src, ["warm-up.txt"], []), Stopwatch.StartNew(), TimeSpan.FromMinutes(1));
            await Task.Delay(500);
            var steps = new List<Step>();
            for (var t = 0; t < trials; t++)
            {
                var mark = log.Mark();
                var sw = Stopwatch.StartNew();
                var expected = workload.Apply(src, t);
                var lastWrite = sw.Elapsed;
                var converged = await ConvergenceProbe.WaitAsync(target.ModulePath, expected, sw, TimeSpan.FromMinutes(5));
                await Task.Delay(1000); // stragglers (a second batch, lsyncd's follow-up runs) count towards the step's bytes
                steps.Add(new Step(await log.ReceivedSinceAsync(mark, connections: 0), converged - lastWrite));
            }
            return (Median(steps), await Replica.CountDifferencesAsync(src, target.ModulePath));
        }
        finally
        {
            await contender.StopAsync();
            Directory.Delete(toolDir, recursive: true);
        }
    }

    private static Step Median(List<Step> steps) =>
        new(steps.Select(s => s.Bytes).Order().ElementAt(steps.Count / 2), steps.Select(s => s.Latency).Order().ElementAt(steps.Count / 2));

    private static string Mib(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / 1048576.0:0.0} MiB" : $"{bytes / 1024.0:0.0} KiB";

    private static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The daemon's per-connection summary lines, read from a byte offset on.</summary>
    private sealed class DaemonBytes(string logPath)
    {
        private static readonly Regex Summary = new(@"sent (\d+) bytes\s+received (\d+) bytes", RegexOptions.Compiled);

        public long Mark() => File.Exists(logPath) ? new FileInfo(logPath).Length : 0;

        /// <summary>Bytes the daemon received since <paramref name="mark"/>; waits for at least <paramref name="connections"/> summaries.</summary>
        public async Task<long> ReceivedSinceAsync(long mark, int connections)
        {
            for (var attempt = 0; ; attempt++)
            {
                await using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                stream.Seek(mark, SeekOrigin.Begin);
                var text = await new StreamReader(stream).ReadToEndAsync();
                var matches = Summary.Matches(text);
                if (matches.Count >= connections || attempt > 50)
                    return matches.Sum(m => long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
                await Task.Delay(20);
            }
        }
    }
}

/// <summary>
/// Step t: the delivered folder <c>set{t}</c> (N MiB of random 1 MiB files, in two levels) is renamed to <c>set{t+1}</c>,
/// and a random file of M MiB moves between <c>inbox/</c> and <c>archive/</c>.
/// </summary>
internal sealed class RenameFolderAndMoveFile(int folderMiB, int fileMiB) : Workload
{
    private const int MiB = 1024 * 1024;
    public override string Name => "moves";
    public override string Description => $"rename of a {folderMiB} MiB folder plus a {fileMiB} MiB file moved to another folder";

    public override void Prepare(string src, int trials)
    {
        for (var i = 0; i < folderMiB; i++)
        {
            var path = Path.Combine(src, "set0", $"part{i / 50}", $"f{i:000}.bin");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, RandomNumberGenerator.GetBytes(MiB));
        }
        Directory.CreateDirectory(Path.Combine(src, "inbox"));
        Directory.CreateDirectory(Path.Combine(src, "archive"));
        File.WriteAllBytes(Path.Combine(src, "inbox", "big.bin"), RandomNumberGenerator.GetBytes(fileMiB * MiB));
    }

    public override Expectation Apply(string src, int trial)
    {
        var (from, to) = ($"set{trial}", $"set{trial + 1}");
        Directory.Move(Path.Combine(src, from), Path.Combine(src, to));
        var (fileFrom, fileTo) = trial % 2 == 0 ? ("inbox/big.bin", "archive/big.bin") : ("archive/big.bin", "inbox/big.bin");
        File.Move(Path.Combine(src, fileFrom), Path.Combine(src, fileTo));
        var moved = Enumerable.Range(0, folderMiB).Select(i => $"{to}/part{i / 50}/f{i:000}.bin").Append(fileTo);
        // The probe compares only the length of files over 64 KiB: reading 250 MiB here would delay the clock's
        // "last write" by that read, a head start for the tools over the floor.
        return new Expectation(moved.ToDictionary(p => p, p => GC.AllocateUninitializedArray<byte>((int)new FileInfo(Path.Combine(src, p)).Length)), [from, fileFrom]);
    }
}
