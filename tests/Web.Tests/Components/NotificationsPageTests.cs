using System.Net.Http.Json;
using Bunit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SyncConsole.TestSupport;
using NotificationsPage = SyncConsole.Web.Components.Pages.Notifications;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Notifications;

namespace SyncConsole.Web.Tests.Components;

/// <summary>Settings → Notifications on the real services of a running host: add a channel, see field errors, send a test, rules.</summary>
public sealed class NotificationsPageTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly BunitContext context = new();
    private readonly SyncConsoleFactory factory;

    public NotificationsPageTests(SyncConsoleFactory factory)
    {
        this.factory = factory;
        using var _ = factory.CreateAnonymousClient();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        foreach (var type in new[] { typeof(NotificationStore), typeof(NotificationDispatcher) })
            context.Services.AddSingleton(type, factory.Services.GetRequiredService(type));
        context.AddAuthorization().SetAuthorized("admin");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await context.DisposeAsync();

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<NotificationsPage> page, string testId) =>
        page.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    [Fact]
    public async Task AddEmailChannel_FieldErrorsShown_ThenSaved_SendTestShowsTheExactError_PasswordNeverInTheMarkup()
    {
        var port = LoopbackPort.Free();
        var page = Render();
        page.Find("[data-testid=channel-new]").Click();
        Input(page, "channel-name").Change("page mail");
        Input(page, "channel-smtp-host").Change("127.0.0.1");
        Input(page, "channel-smtp-port").Change(port.ToString());
        Input(page, "channel-smtp-password").Change("page-secret-pw");
        Input(page, "channel-from").Change("not an address");
        Input(page, "channel-to").Change("ops@example.test, oncall@example.test");

        page.Find("[data-testid=channel-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("The sender must be one e-mail address.", page.Markup), TimeSpan.FromSeconds(10));
        Assert.Contains("A password needs a user.", page.Markup);

        Input(page, "channel-from").Change("syncconsole@example.test");
        page.FindAll("input").First(i => i.ParentElement?.ParentElement?.TextContent.Contains("User (optional)") == true).Change("alerts");
        page.Find("[data-testid=channel-save]").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=channel-row][data-channel-name='page mail']")), TimeSpan.FromSeconds(10));
        Assert.Contains("ops@example.test, oncall@example.test via 127.0.0.1:" + port, page.Markup);

        page.Find("[data-channel-name='page mail'] [data-testid=channel-test]").Click();
        page.WaitForAssertion(() => Assert.Contains($"connection refused to 127.0.0.1:{port}", page.Find("[data-testid=channel-test-result]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal("false", page.Find("[data-testid=channel-test-result]").GetAttribute("data-ok"));

        var saved = (await factory.Services.GetRequiredService<NotificationStore>().ListAsync(CancellationToken.None)).Single(c => c.Name == "page mail");
        Assert.True(saved.SmtpPasswordSet && saved.SmtpUser == "alerts", $"user {saved.SmtpUser}, password set {saved.SmtpPasswordSet}");
        page.Find("[data-channel-name='page mail'] [data-testid=channel-edit]").Click();
        page.WaitForAssertion(() => Assert.Contains("Set; leave empty to keep it", page.Markup), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("page-secret-pw", page.Markup);
    }

    [Fact]
    public async Task Rules_SavedFromThePage_AreWhatTheApiReturns()
    {
        var page = Render();
        var minutes = page.FindAll("[data-testid=alert-rule][data-kind=jobError] input").Last();
        minutes.Change("17");
        page.Find("[data-testid=rules-save]").Click();

        using var api = factory.CreateApiClient();
        await Eventually.TrueAsync(() =>
            api.GetFromJsonAsync<List<AlertRuleDto>>("/api/notifications/rules").Result!.Single(r => r.Kind == "jobError").Minutes == 17, "rule saved", 10);
    }

    private IRenderedComponent<NotificationsPage> Render()
    {
        context.Render<MudPopoverProvider>();
        context.Render<MudSnackbarProvider>();
        return context.Render<NotificationsPage>();
    }
}
