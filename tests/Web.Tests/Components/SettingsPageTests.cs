using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SyncConsole.Web.Components.Pages;
using SyncConsole.Web.Hosting;
using SyncConsole.Web.Security;

namespace SyncConsole.Web.Tests.Components;

/// <summary>The interactive Settings page on the real services of a running host (real SQLite, real Data Protection).</summary>
public sealed class SettingsPageTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly BunitContext context = new();
    private readonly SyncConsoleFactory factory;

    public SettingsPageTests(SyncConsoleFactory factory)
    {
        this.factory = factory;
        using var _ = factory.CreateAnonymousClient(); // starts the host, so its services are initialized
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        foreach (var type in new[] { typeof(AdminAccountService), typeof(ApiKeyStore), typeof(SystemState), typeof(SyncConsolePaths), typeof(Microsoft.Extensions.Options.IOptions<SyncConsoleOptions>), typeof(SystemSettingsStore) })
            context.Services.AddSingleton(type, factory.Services.GetRequiredService(type));
        context.AddAuthorization().SetAuthorized("admin");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor's popover service is IAsyncDisposable only.
    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public void ChangePassword_WrongCurrentPassword_ShowsErrorUnderTheField()
    {
        var page = RenderWithProviders();
        var inputs = page.FindAll("input[type=password]");
        inputs[0].Change("not the password");
        inputs[1].Change("long enough new one");
        inputs[2].Change("long enough new one");

        page.FindAll("button").Single(b => b.TextContent.Contains("Change password")).Click();

        page.WaitForAssertion(() => Assert.Contains("The current password is wrong.", page.Markup), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void ApiKey_ShowClicked_RevealsTheKey()
    {
        var page = RenderWithProviders();
        Assert.DoesNotContain(SyncConsoleFactory.ApiKey, page.Markup);

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Show").Click();

        Assert.Contains(SyncConsoleFactory.ApiKey, page.Find("#api-key").TextContent);
        Assert.Contains(EnvironmentVariables.ApiKey, page.Markup);
    }

    [Fact]
    public void SystemSettings_BadRetryInterval_NamesTheFieldAndChangesNothing()
    {
        var store = factory.Services.GetRequiredService<SystemSettingsStore>();
        var before = store.Current;
        var page = RenderWithProviders();

        page.Find("[data-testid=settings-retry-input] input, input[data-testid=settings-retry-input]").Change("0");
        page.Find("[data-testid=settings-concurrency-input] input, input[data-testid=settings-concurrency-input]").Change("5");
        page.FindAll("button").Single(b => b.TextContent.Contains("Save system settings")).Click();

        page.WaitForAssertion(() => Assert.Contains("The retry interval must be between 1 and", page.Markup), TimeSpan.FromSeconds(10));
        Assert.Equal(before.MaxConcurrentRsync, store.Current.MaxConcurrentRsync);
        Assert.Equal(before.RetryIntervalMinutes, store.Current.RetryIntervalMinutes);
    }

    [Fact]
    public async Task SystemSettings_Saved_ApplyToTheRunningEngine()
    {
        var store = factory.Services.GetRequiredService<SystemSettingsStore>();
        var limiter = factory.Services.GetRequiredService<SyncConsole.Engine.Delivery.RsyncConcurrencyLimiter>();
        var before = store.Current;
        var page = RenderWithProviders();

        page.Find("[data-testid=settings-retry-input] input, input[data-testid=settings-retry-input]").Change("42");
        page.Find("[data-testid=settings-concurrency-input] input, input[data-testid=settings-concurrency-input]").Change("2");
        page.Find("[data-testid=settings-password-folders-input] textarea, textarea[data-testid=settings-password-folders-input]").Change("/etc\n/srv/rsync-secrets");
        page.FindAll("button").Single(b => b.TextContent.Contains("Save system settings")).Click();

        page.WaitForAssertion(() => Assert.Contains("42 min", page.Find("[data-testid=settings-retry]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(2, limiter.Max);
        Assert.Equal(["/etc", "/srv/rsync-secrets"], store.PasswordFileDirectories);
        await store.SaveAsync(before, CancellationToken.None);
    }

    private IRenderedComponent<Settings> RenderWithProviders()
    {
        context.Render<MudPopoverProvider>();
        context.Render<MudSnackbarProvider>();
        return context.Render<Settings>();
    }
}
