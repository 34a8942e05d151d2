using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;
using SyncConsole.Data;
using SyncConsole.Data.FailLog;
using SyncConsole.Data.Journal;
using SyncConsole.Engine.Delivery;
using SyncConsole.Engine.Events;
using SyncConsole.Engine.Rsync;
using SyncConsole.Web.Api;
using SyncConsole.Web.Cli;
using SyncConsole.Web.Components;
using SyncConsole.Web.Dashboard;
using SyncConsole.Web.Engine;
using SyncConsole.Web.FailLog;
using SyncConsole.Web.Feed;
using SyncConsole.Web.History;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Hubs;
using SyncConsole.Web.Import;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Monitoring;
using SyncConsole.Web.Notifications;
using SyncConsole.Web.Plugins;
using SyncConsole.Web.Remotes;
using SyncConsole.Web.Scheduling;
using SyncConsole.Web.Security;
using SyncConsole.Web.Verify;

// `serve` (the default) runs the server; `import`, `export`, `check-config` and `healthcheck` use the host's services
// instead; --help and --version build nothing. The content root is the application's folder, not the working directory.
var command = CommandLine.Parse(args);
if (command.Verb == CliCommand.Information) return CommandLine.WriteInformation(command, Console.Out, Console.Error);
if (command.UsageError is not null) return await CommandLine.RunAsync(command, null!, Console.Out, Console.Error);
var builder = ServerHost.CreateBuilder(command, out var configurationFailed);
if (builder is null) return configurationFailed;

var optionsSection = builder.Configuration.GetSection(SyncConsoleOptions.Section);
builder.Services.AddOptions<SyncConsoleOptions>().Bind(optionsSection);
// 127.0.0.1:5080 unless --urls, ASPNETCORE_URLS, "Urls" or Kestrel endpoints say otherwise.
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
    builder.WebHost.UseUrls(optionsSection[nameof(SyncConsoleOptions.DefaultUrls)] ?? new SyncConsoleOptions().DefaultUrls);

// `dotnet run` starts in Production without a launch profile; the build's static web assets manifest (MudBlazor's
// _content, _framework, the root wwwroot/) must still be used. A published app has no such manifest: a no-op there.
builder.WebHost.UseStaticWebAssets();

// Paths are resolved from the built container so test hosts can override SyncConsole:DataDirectory late.
builder.Services.AddSingleton(sp => new SyncConsolePaths(
    sp.GetRequiredService<IHostEnvironment>().ContentRootPath, sp.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.DataDirectory));
// SQLite in the data directory, or PostgreSQL when SyncConsole:Database:Provider says so.
builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.Database.Target(sp.GetRequiredService<SyncConsolePaths>()));
builder.Services.AddSyncConsoleData(sp => sp.GetRequiredService<DatabaseTarget>());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SystemState>();

// Data Protection keys live in the data directory: logins and encrypted remote passwords survive restarts.
builder.Services.AddDataProtection().SetApplicationName("SyncConsole");
builder.Services.AddOptions<KeyManagementOptions>().Configure<SyncConsolePaths, ILoggerFactory>((o, paths, loggers) =>
    o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(paths.KeysDirectory), loggers));
builder.Services.AddSingleton<SecretProtector>();
builder.Services.AddSingleton<ApiKeyStore>();
builder.Services.AddSingleton<AdminAccountService>();

builder.Services.AddSingleton<JobChangeNotifier>();
builder.Services.AddSingleton<JobDefinitionSource>();
builder.Services.AddSingleton<IJobDefinitions>(sp => sp.GetRequiredService<JobDefinitionSource>());
builder.Services.AddSingleton<JobStore>();
builder.Services.AddSingleton<RemoteStore>();
builder.Services.AddSyncFailLog();
builder.Services.AddSingleton(sp => new EngineEventStream(sp.GetRequiredService<TimeProvider>()));
builder.Services.AddSingleton<EngineEventFeed>();
builder.Services.AddHostedService<EngineEventRelay>();
builder.Services.AddSyncEngine();
builder.Services.AddSingleton<JobStatusQuery>();
builder.Services.AddSingleton<PluginStore>();
builder.Services.AddSingleton<EngineMetrics>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineMetrics>());
builder.Services.AddSingleton<MetricsWriter>();
builder.Services.AddOpenApi();
builder.Services.AddSingleton<ConfxmlImportService>();
builder.Services.AddSingleton<ConfxmlExportService>();
builder.Services.AddSingleton<RemoteProbe>();
builder.Services.AddSingleton<RemoteConnectionTester>();
builder.Services.AddSingleton<DashboardQuery>();
builder.Services.AddSyncHistory();
builder.Services.AddSyncVerify();
builder.Services.AddSyncScheduling();
builder.Services.AddSingleton<NotificationStore>();
builder.Services.AddSingleton<SyncConsole.Web.Hosting.SystemSettingsStore>();
builder.Services.AddSingleton<INotificationSender, EmailSender>();
// No redirects: a webhook answers where it is; following one could send the alert (and its token) elsewhere.
builder.Services.AddSingleton<INotificationSender>(_ => new WebhookSender(
    new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(10) }) { Timeout = TimeSpan.FromSeconds(20) }));
builder.Services.AddSingleton<NotificationDispatcher>();
builder.Services.AddSingleton<AlertConditionCollector>();
builder.Services.AddSingleton<AlertEvaluator>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AlertEvaluator>());

builder.Services.AddAuthentication(AuthSchemes.Smart)
    .AddPolicyScheme(AuthSchemes.Smart, "API key or cookie", o =>
        o.ForwardDefaultSelector = http => http.Request.Headers.ContainsKey(AuthSchemes.ApiKeyHeader) ? AuthSchemes.ApiKey : AuthSchemes.Cookie)
    .AddCookie(AuthSchemes.Cookie, o =>
    {
        o.Cookie.Name = "SyncConsole.Auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.LoginPath = "/login";
        o.ExpireTimeSpan = TimeSpan.FromDays(7);
        o.SlidingExpiration = true;
        // Scripts and SignalR clients want a status code, not an HTML login page.
        o.Events.OnRedirectToLogin = ctx => RedirectOrStatus(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => RedirectOrStatus(ctx, StatusCodes.Status403Forbidden);
        o.Events.OnValidatePrincipal = SessionStampValidator.ValidateAsync;
    })
    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
// Everything needs a login unless it says [AllowAnonymous] (health, login page, static files).
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    // Prometheus servers rarely carry credentials: an allow-listed address may scrape /metrics without the API key.
    .AddPolicy(MonitoringEndpoints.MetricsPolicy, p => p.RequireAssertion(ctx => ctx.Resource is HttpContext http
        && MonitoringEndpoints.MayScrape(http, http.RequestServices.GetRequiredService<IOptions<SyncConsoleOptions>>().Value.Metrics)));
builder.Services.AddCascadingAuthenticationState();

builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = RequestBodyProblem.Describe);
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
    // A misspelt field must not be dropped silently (and its default stored): it is a 400 naming the field.
    o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});
// Unreadable bodies reach the exception handler (outside Development too), which answers with a problem naming the field.
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddSignalR()
    .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSyncConsoleSecurity();

var app = builder.Build();
if (!command.IsServer) return await CommandLine.RunAsync(command, app.Services, Console.Out, Console.Error);

var (report, startFailed) = await ServerHost.InitializeAsync(app);
if (report is null) return startFailed;
app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    Console.WriteLine(StartupBanner.Render(report, addresses, app.Services.GetRequiredService<SyncConsolePaths>(), toTerminal: !Console.IsOutputRedirected));
});

app.UseForwardedHeadersWhenConfigured(app.Configuration);
// Bad requests (a missing antiforgery token, unreadable JSON) keep their 400 instead of becoming a 500.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
    // A client's bad request is not a server error worth an error-level log entry with a stack trace.
    SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
});
app.UseRequestBodyLimits();
// Only the pages' language follows the reader (Accept-Language, ?culture=, the culture cookie); numbers and dates keep
// one format, so the culture stays English.
app.UseRequestLocalization(o =>
{
    o.SetDefaultCulture("en");
    o.AddSupportedCultures("en");
    o.AddSupportedUICultures(SyncConsole.Web.Localization.Ui.Languages);
    o.FallBackToParentUICultures = true;
});
app.UseAuthentication();
app.UseSameOriginForCookieRequests();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets().AllowAnonymous();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapJobEndpoints();
app.MapJobControlEndpoints();
app.MapEventEndpoints();
app.MapFailLogEndpoints();
app.MapScheduleEndpoints();
app.MapVerifyEndpoints();
app.MapRemoteEndpoints();
app.MapSettingsEndpoints();
app.MapSystemEndpoints();
app.MapPluginEndpoints();
app.MapNotificationEndpoints();
app.MapRunEndpoints();
app.MapMonitoringEndpoints();
// The API description and its browsable reference are for administrators: behind the login like the API itself.
app.MapOpenApi().RequireAuthorization();
app.MapScalarApiReference().RequireAuthorization();
app.MapImportEndpoints();
app.MapHub<EventsHub>(EventsHub.Path);
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

return await ServerHost.RunAsync(app);

static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
{
    var path = ctx.Request.Path;
    if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/readyz") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi"))
        ctx.Response.StatusCode = status;
    else
        ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}
