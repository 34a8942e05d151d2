using SyncConsole.Bench;

// One subcommand per benchmark, so other areas can add theirs: `SyncConsole.Bench <name> [options]`.
return args.FirstOrDefault() switch
{
    "watcher" => await WatcherBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SyncConsole.Bench <benchmark> [options]");
    Console.Error.WriteLine("  watcher [--dirs N] [--seconds S] [--root DIR]   inotify watch setup, RSS and events/s");
    return 2;
}
