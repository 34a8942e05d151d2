using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Engine.Legacy;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Import;

namespace SyncConsole.Web.Cli;

/// <summary>
/// <c>SyncConsole.Web import|export ...</c>: the sersync migration commands on the host's own executable. They use
/// the host's services and configuration (same data directory, same keys) but never start the web server.
/// Exit codes: 0 done, 1 the import or export failed, 2 usage error.
/// </summary>
public static class CommandLine
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public const string Usage = """
        usage:
          SyncConsole.Web import <confxml.xml> [--dry-run] [--name NAME] [--destination FOLDER]...
          SyncConsole.Web export <job-id-or-name> [-o FILE] [--include-cdn-password]
        The data directory comes from the configuration as for the server (e.g. SyncConsole__DataDirectory).
        """;

    /// <summary>The command when <paramref name="args"/> starts with <c>import</c> or <c>export</c>; null otherwise (run the server).</summary>
    public static CliCommand? Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("import" or "export")) return null;
        var verb = args[0];
        string? target = null, name = null, output = null, error = null;
        bool dryRun = false, includeCdn = false;
        var destinations = new List<string?>();
        for (var i = 1; i < args.Length && error is null; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--dry-run" when verb == "import": dryRun = true; break;
                case "--name" when verb == "import":
                    name = i + 1 < args.Length ? args[++i] : null;
                    if (string.IsNullOrWhiteSpace(name)) error = "--name needs a value";
                    break;
                case "--destination" when verb == "import":
                    if (i + 1 < args.Length) destinations.Add(args[++i]);
                    else error = "--destination needs a folder (\"\" for the root)";
                    break;
                case "-o" or "--output" when verb == "export":
                    output = i + 1 < args.Length ? args[++i] : null;
                    if (string.IsNullOrWhiteSpace(output)) error = $"{arg} needs a file name";
                    break;
                case "--include-cdn-password" when verb == "export": includeCdn = true; break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1) error = $"unknown option {arg} for {verb}";
                    else if (target is not null) error = $"unexpected argument \"{arg}\"";
                    else target = arg;
                    break;
            }
        }
        if (error is null && target is null)
            error = verb == "import" ? "import needs the confxml.xml file" : "export needs a job id or name";
        return new CliCommand
        {
            Verb = verb, Target = target, DryRun = dryRun, Name = name, Destinations = destinations, Output = output, IncludeCdnPassword = includeCdn,
            UsageError = error,
        };
    }

    /// <summary>Keeps stdout for the report or the file: every log line goes to stderr, and only warnings and worse.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddFilter((_, level) => level >= LogLevel.Warning);
    }

    public static async Task<int> RunAsync(CliCommand command, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (command.UsageError is not null)
        {
            await error.WriteLineAsync($"error: {command.UsageError}\n{Usage}");
            return UsageError;
        }
        var paths = services.GetRequiredService<SyncConsolePaths>();
        paths.EnsureCreated();
        await SyncConsoleDatabase.MigrateAsync(services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>(), cancellationToken);

        return command.Verb == "import"
            ? await ImportAsync(command, services.GetRequiredService<ConfxmlImportService>(), output, error, cancellationToken)
            : await ExportAsync(command, services.GetRequiredService<ConfxmlExportService>(), output, error, cancellationToken);
    }

    private static async Task<int> ImportAsync(CliCommand command, ConfxmlImportService service, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var file = new FileInfo(command.Target!);
        if (!file.Exists)
        {
            await error.WriteLineAsync($"error: the file \"{file.FullName}\" does not exist");
            return Failed;
        }
        // Refuse before reading, as the importer does: a confxml.xml is a few KiB.
        if (file.Length > ConfxmlReader.DefaultMaxBytes)
        {
            await error.WriteLineAsync($"error: the file is {file.Length} bytes, over the {ConfxmlReader.DefaultMaxBytes}-byte limit");
            return Failed;
        }
        var content = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        // The administrator on the host can read any password file anyway: no allow list here.
        var result = await service.ImportAsync(content, command.Name, command.DryRun, PasswordFileAccess.AnyReadable, cancellationToken, command.Destinations);

        foreach (var item in result.Report.Items) await output.WriteLineAsync(item.ToString());
        if (result.Report.SuppressedCount > 0) await output.WriteLineAsync($"... and {result.Report.SuppressedCount} more item(s) not listed");
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"Nothing was imported: {result.Report.Errors.Count()} error(s).");
            return Failed;
        }
        await output.WriteLineAsync(result.DryRun
            ? $"Dry run: job \"{result.Plan.Job!.Name}\" can be imported; nothing was written."
            : $"Imported job \"{result.Plan.Job!.Name}\" as #{result.JobId}. A running server picks it up on its next job change or restart.");
        return Success;
    }

    private static async Task<int> ExportAsync(CliCommand command, ConfxmlExportService service, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var (export, problem, _) = await service.ExportAsync(command.Target!, command.IncludeCdnPassword, cancellationToken);
        if (export is null)
        {
            await error.WriteLineAsync($"error: {problem}");
            return Failed;
        }
        foreach (var warning in export.Warnings) await error.WriteLineAsync($"warning: {warning}");
        if (command.Output is null) await output.WriteAsync(export.Xml);
        else await File.WriteAllBytesAsync(command.Output, export.ToBytes(), cancellationToken);
        return Success;
    }
}
