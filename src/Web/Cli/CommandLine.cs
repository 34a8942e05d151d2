using System.CommandLine;
using System.CommandLine.Help;
using SyncConsole.Engine.Legacy;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Import;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Cli;

/// <summary>
/// <c>SyncConsole.Web [serve|import|export|check-config|healthcheck|help] ...</c>, parsed with System.CommandLine.
/// Every verb but <c>serve</c> uses the host's services and configuration (same data directory, same keys) and
/// never starts the web server; <c>--help</c> and <c>--version</c> build nothing at all. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class CommandLine
{
    public const int Success = ExitCodes.Success;
    public const int Failed = ExitCodes.Failed;
    public const int UsageError = ExitCodes.Usage;

    /// <summary>Parses <paramref name="args"/>; never throws and never prints (see <see cref="WriteInformation"/>).</summary>
    public static CliCommand Parse(string[] args)
    {
        var cli = new Grammar();
        // Configuration for the host goes in the unambiguous --Key=value form (--SyncConsole:DataDirectory=/x,
        // --applicationName=... from WebApplicationFactory): set aside before the verbs and their options are parsed.
        var hostArgs = args.Where(cli.IsConfigurationToken).ToList();
        // "@file" is a file name here, not a response file to expand.
        var result = cli.Root.Parse(args.Where(a => !cli.IsConfigurationToken(a)).ToArray(), new ParserConfiguration { ResponseFileTokenReplacer = null });
        var command = result.CommandResult.Command;

        if (result.Action is HelpAction || command == cli.Help || result.GetResult(cli.Version) is not null)
            return new CliCommand { Verb = CliCommand.Information, Parsed = result };

        var verb = command == cli.Root ? CliCommand.Serve : command.Name;
        if (result.Errors.Count > 0)
            return new CliCommand { Verb = verb, UsageError = string.Join("; ", result.Errors.Select(e => e.Message)), Parsed = result };
        if (result.GetValue(cli.Urls) is { } urls) hostArgs.Add($"--urls={urls}");
        if (result.GetValue(cli.Environment) is { } environment) hostArgs.Add($"--environment={environment}");

        return new CliCommand
        {
            Verb = verb,
            Target = verb == CliCommand.Import ? result.GetValue(cli.ImportFile) : verb == CliCommand.Export ? result.GetValue(cli.ExportJob) : null,
            DryRun = result.GetValue(cli.DryRun),
            Name = result.GetValue(cli.Name),
            Destinations = result.GetValue(cli.Destination) is { } folders ? [.. folders] : [],
            Output = result.GetValue(cli.Output),
            IncludeCdnPassword = result.GetValue(cli.IncludeCdnPassword),
            Url = result.GetValue(cli.Url),
            ContentRoot = result.GetValue(cli.ContentRoot),
            HostArgs = hostArgs,
            Parsed = result,
        };
    }

    /// <summary>Help or version text on <paramref name="output"/>; 0.</summary>
    public static int WriteInformation(CliCommand command, TextWriter output, TextWriter error)
    {
        if (command.Parsed is null) return Success;
        return command.Parsed.Invoke(Invocation(output, error));
    }

    /// <summary>Keeps stdout for the report or the file: every log line goes to stderr, and only warnings and worse.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddFilter((_, level) => level >= LogLevel.Warning);
    }

    /// <summary>Runs every verb but <c>serve</c> (and answers a usage error before any service is needed).</summary>
    public static async Task<int> RunAsync(CliCommand command, IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (command.UsageError is not null)
        {
            await error.WriteLineAsync($"error: {command.UsageError}");
            await error.WriteLineAsync(HelpText(command.Verb == CliCommand.Serve ? [] : [command.Verb]));
            return UsageError;
        }
        switch (command.Verb)
        {
            case CliCommand.CheckConfig:
                return await ConfigCheck.RunAsync(services, output, error, cancellationToken);
            case CliCommand.Healthcheck:
                return await HealthProbe.RunAsync(services.GetRequiredService<IConfiguration>(), command.Url, output, error, cancellationToken);
        }
        SyncConsolePaths paths;
        try
        {
            StartupChecks.Options(services);
            paths = services.GetRequiredService<SyncConsolePaths>();
            StartupChecks.DataDirectory(paths);
            await StartupChecks.MigrateAsync(services, cancellationToken);
        }
        catch (StartupFailure failure)
        {
            await error.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }

        return command.Verb == CliCommand.Import
            ? await ImportAsync(command, services.GetRequiredService<ConfxmlImportService>(), paths, output, error, cancellationToken)
            : await ExportAsync(command, services.GetRequiredService<ConfxmlExportService>(), output, error, cancellationToken);
    }

    /// <summary>The help text of a verb (or of the whole program for an empty path), as <c>--help</c> prints it.</summary>
    public static string HelpText(string[] verbPath)
    {
        var text = new StringWriter();
        new Grammar().Root.Parse([.. verbPath, "--help"]).Invoke(Invocation(text, text));
        return text.ToString();
    }

    private static InvocationConfiguration Invocation(TextWriter output, TextWriter error) => new()
    {
        Output = output, Error = error,
        // The host handles SIGTERM and exceptions itself; System.CommandLine must do neither.
        EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null,
    };

    private static async Task<int> ImportAsync(CliCommand command, ConfxmlImportService service, SyncConsolePaths paths, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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
        if (result.DryRun)
        {
            await output.WriteLineAsync($"Dry run: job \"{result.Plan.Job!.Name}\" can be imported; nothing was written.");
            return Success;
        }
        // A server running on the same data directory reloads its jobs now instead of at its next change or restart.
        var told = JobChangeSignal.Raise(paths);
        await output.WriteLineAsync($"Imported job \"{result.Plan.Job!.Name}\" as #{result.JobId}." + (told
            ? " A running server starts it at once."
            : " A running server starts it at its next job change or restart."));
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

    /// <summary>The verbs and options; built per parse because System.CommandLine symbols keep their parents.</summary>
    private sealed class Grammar
    {
        public readonly RootCommand Root;
        public readonly Command Help;
        public readonly VersionOption Version;
        public readonly Option<string?> Urls = new("--urls") { Description = "Where to listen, e.g. http://0.0.0.0:5080 (several separated by ';'). Default: SyncConsole:DefaultUrls", Recursive = true };
        public readonly Option<string?> ContentRoot = new("--contentRoot", "--content-root") { Description = "The folder with appsettings.json and wwwroot/. Default: the application's own folder", Recursive = true };
        public readonly Option<string?> Environment = new("--environment") { Description = "The host environment (Production unless set)", Recursive = true };
        public readonly Argument<string> ImportFile = new("confxml.xml") { Description = "The sersync confxml.xml to import" };
        public readonly Option<bool> DryRun = new("--dry-run") { Description = "Report what would be created; write nothing" };
        public readonly Option<string?> Name = new("--name") { Description = "The new job's name (default: from the file)" };
        public readonly Option<string[]> Destination = new("--destination")
        {
            Description = "The job's folder inside each remote's module or path (\"\" for the root): once for all remotes, or once per remote in the file's order",
            AllowMultipleArgumentsPerToken = false,
        };
        public readonly Argument<string> ExportJob = new("job") { Description = "The job's id or name" };
        public readonly Option<string?> Output = new("--output", "-o") { Description = "Write the confxml.xml to this file instead of standard output" };
        public readonly Option<bool> IncludeCdnPassword = new("--include-cdn-password") { Description = "Include the refreshCDN password sersync keeps in the file" };
        public readonly Option<string?> Url = new("--url") { Description = "The server's base URL. Default: the first configured listen URL, on loopback" };

        /// <summary><c>--Key=value</c> for a key that is not one of the options above.</summary>
        public bool IsConfigurationToken(string token)
        {
            if (!token.StartsWith("--", StringComparison.Ordinal)) return false;
            var equals = token.IndexOf('=');
            if (equals <= 2) return false;
            var name = token[..equals];
            return !Root.Options.Concat(Root.Subcommands.SelectMany(c => c.Options))
                .Any(o => o.Name == name || o.Aliases.Contains(name));
        }

        public Grammar()
        {
            Root = new RootCommand($"""
                SyncConsole: a web-administered file-sync appliance (inotify -> rsync). Without a command it runs the
                server. Any configuration key can be given as --Section:Key=value (e.g. --SyncConsole:DataDirectory=/srv/sc).
                Configuration: built-in defaults < appsettings.json next to the program < /etc/syncconsole/appsettings.json
                (or the file SYNCCONSOLE_CONFIG names) < environment (SyncConsole__DataDirectory=...) < command line.
                {ExitCodes.Summary}
                """);
            // No verb means serve: the root command is complete by itself (Program runs the server).
            Root.SetAction(_ => 0);
            Root.Options.Add(Urls);
            Root.Options.Add(ContentRoot);
            Root.Options.Add(Environment);
            Version = Root.Options.OfType<VersionOption>().Single();

            var serve = new Command(CliCommand.Serve, "Run the web console and the sync engine (the default when no command is given).");
            var import = new Command(CliCommand.Import, "Import a sersync confxml.xml as a job (dry run first with --dry-run). A running server on the same data directory starts the job at once.")
            {
                ImportFile, DryRun, Name, Destination,
            };
            var export = new Command(CliCommand.Export, "Export a job as a sersync confxml.xml (rsync passwords are never exported).") { ExportJob, Output, IncludeCdnPassword };
            var check = new Command(CliCommand.CheckConfig, "Validate the configuration, the data directory, the database and rsync; print what is used and exit (nothing is changed).");
            var health = new Command(CliCommand.Healthcheck, "Ask a running server's /healthz (e.g. Docker's HEALTHCHECK); exit 0 when it answers ready, 1 otherwise.") { Url };
            var verbName = new Argument<string?>("command") { Description = "The command to describe", Arity = ArgumentArity.ZeroOrOne };
            Help = new Command("help", "Show help for the program or one command.") { verbName };
            Help.SetAction((parse, _) =>
            {
                var verb = parse.GetValue(verbName);
                var target = verb is null ? [] : new[] { verb };
                return Task.FromResult(Root.Parse([.. target, "--help"]).Invoke(Invocation(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error)));
            });
            Root.Subcommands.Add(serve);
            Root.Subcommands.Add(import);
            Root.Subcommands.Add(export);
            Root.Subcommands.Add(check);
            Root.Subcommands.Add(health);
            Root.Subcommands.Add(Help);
        }
    }
}
