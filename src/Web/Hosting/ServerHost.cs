using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using SyncConsole.Web.Cli;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Hosting;

/// <summary>
/// The process's life as a daemon: the builder with its content root and configuration layers, systemd integration,
/// start-up checks that end in one line and a distinct exit code, and a bounded, draining stop.
/// </summary>
public static class ServerHost
{
    /// <summary>How much longer than the engine's rsync grace period the host waits for everything else on stop.</summary>
    public static readonly TimeSpan ShutdownMargin = TimeSpan.FromSeconds(10);

    /// <returns>The builder, or null and the exit code when the configuration cannot even be read.</returns>
    public static WebApplicationBuilder? CreateBuilder(CliCommand command, out int exitCode)
    {
        exitCode = ExitCodes.Success;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                Args = [.. command.HostArgs],
                ContentRootPath = HostLayout.ResolveContentRoot(command.ContentRoot),
            });
            ConfigurationLayers.AddAdminFile(builder.Configuration);
            builder.Services.AddSingleton<IValidateOptions<SyncConsoleOptions>, SyncConsoleOptionsValidator>();
            if (!command.IsServer)
            {
                CommandLine.ConfigureLogging(builder.Logging);
                return builder;
            }
            // Under systemd: Type=notify (READY=1 once listening, STOPPING=1) and one journald line per entry with its priority.
            builder.Services.AddSystemd();
            builder.Services.AddHostedService<JobChangeSignalWatcher>();
            // Read raw: the validated options may refuse the settings, which start-up then reports as exit 3.
            builder.Services.AddOptions<HostOptions>().Configure<IConfiguration>((host, configuration) =>
                host.ShutdownTimeout = TimeSpan.FromSeconds(
                    int.TryParse(configuration[$"{SyncConsoleOptions.Section}:Engine:ShutdownGraceSeconds"], out var grace) ? Math.Clamp(grace, 0, 600)
                    : new EngineOptions().ShutdownGraceSeconds) + ShutdownMargin);
            return builder;
        }
        catch (InvalidDataException e)
        {
            // appsettings.json that is not JSON: the builder reads it at once.
            exitCode = Fail(new StartupFailure(ExitCodes.ConfigInvalid, $"configuration invalid: {e.Message} {e.InnerException?.Message}".Trim()));
        }
        catch (StartupFailure failure)
        {
            exitCode = Fail(failure);
        }
        return null;
    }

    /// <summary>Checks the settings, the data directory and the database, then runs the start-up work.</summary>
    /// <returns>The report for the banner, or null and the exit code.</returns>
    public static async Task<(StartupReport? Report, int ExitCode)> InitializeAsync(WebApplication app)
    {
        try
        {
            StartupChecks.Options(app.Services);
            // Before anything touches the data directory: a second instance must not clean up after the first one.
            if (ListenAddressProbe.FindBusy(ListenUrls(app)) is { } busy)
                throw new StartupFailure(ExitCodes.PortInUse,
                    $"cannot listen on {busy}: the address is already in use (another SyncConsole running?); choose another with --urls or SyncConsole:DefaultUrls");
            return (await AppInitializer.InitializeAsync(app.Services), ExitCodes.Success);
        }
        catch (StartupFailure failure)
        {
            return (null, Fail(failure));
        }
    }

    /// <summary>Serves until SIGTERM/SIGINT, then stops within the shutdown timeout and returns 0.</summary>
    public static async Task<int> RunAsync(WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch (IOException e) when (e.InnerException is AddressInUseException)
        {
            return Fail(new StartupFailure(ExitCodes.PortInUse, $"cannot listen: {e.Message}"));
        }
        try
        {
            await app.WaitForShutdownAsync();
        }
        catch (OperationCanceledException)
        {
            // The shutdown timeout ended the stop; in-flight rsyncs were killed and their paths are in the fail log.
        }
        return ExitCodes.Success;
    }

    private static IEnumerable<string> ListenUrls(WebApplication app)
    {
        // Endpoints from configuration (Kestrel:Endpoints) are Kestrel's to report.
        if (app.Configuration.GetSection("Kestrel:Endpoints").Exists()) return [];
        return HealthProbe.ListenUrls(app.Configuration);
    }

    /// <summary>One line on stderr (journald priority "crit" under systemd), no stack trace; returns the exit code.</summary>
    public static int Fail(StartupFailure failure)
    {
        var journald = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("JOURNAL_STREAM"));
        Console.Error.WriteLine($"{(journald ? "<2>" : "")}SyncConsole cannot start: {failure.Message} (exit code {failure.ExitCode})");
        return failure.ExitCode;
    }
}
