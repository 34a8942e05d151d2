using SyncConsole.Bench;
using SyncConsole.Bench.Sync;

// One subcommand per benchmark, so other areas can add theirs: `SyncConsole.Bench <name> [options]`.
return args.FirstOrDefault() switch
{
    "watcher" => await WatcherBenchmark.RunAsync(args[1..]),
    "sync" => await SyncBenchmark.RunAsync(args[1..]),
    "memory" => await MemoryBenchmark.RunAsync(args[1..]),
    "moves" => await MovesBenchmark.RunAsync(args[1..]),
    "agent" => await EngineAgent.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SyncConsole.Bench <benchmark> [options]");
    Console.Error.WriteLine("  watcher [--dirs N] [--seconds S] [--root DIR]   inotify watch setup, RSS and events/s");
    Console.Error.WriteLine("  memory [--dirs N] [--env K=V]... [--no-lsyncd]    RSS of a running job at N watched folders, vs lsyncd");
    Console.Error.WriteLine("  moves [--trials N] [--folder-mib N] [--file-mib N] [--out FILE] folder rename + file move: bytes sent and latency");
    Console.Error.WriteLine("  sync [--quick] [--only NAME] [--trials N] [--out FILE] SyncConsole vs lsyncd vs plain rsync on a loopback daemon");
    return 2;
}
