using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using SyncConsole.TestSupport;
using ImportPage = SyncConsole.Web.Components.Pages.Import;
using SyncConsole.Web.Import;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Components;

/// <summary>The interactive Import page on the real import service of a running host (real SQLite): nothing is stored before Confirm.</summary>
public sealed class ImportPageTests : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly BunitContext context = new();
    private readonly SyncConsoleFactory factory;
    private readonly TempDirectory watched = new("syncconsole-import-page");

    public ImportPageTests(SyncConsoleFactory factory)
    {
        this.factory = factory;
        using var _ = factory.CreateAnonymousClient(); // starts the host, so its services are initialized
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(factory.Services.GetRequiredService<ConfxmlImportService>());
        context.AddAuthorization().SetAuthorized("admin");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await context.DisposeAsync();
        watched.Dispose();
    }

    [Fact]
    public async Task Upload_ValidFile_ShowsReportAndSummaryAndStoresNothing()
    {
        var page = RenderWithProviders();

        Upload(page, InputFileContent.CreateFromBinary(Confxml(auth: true), "confxml.xml"));

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-summary]")), Wait);
        Assert.Contains(watched.Path, page.Find("[data-testid=import-summary]").TextContent);
        Assert.Contains("needs a password", page.Find("[data-testid=import-needs-password]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=import-item-severity]"));
        Assert.False(page.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
        Assert.DoesNotContain(await ListJobsAsync(), j => j.WatchPath == watched.Path);
    }

    [Fact]
    public async Task Confirm_WithNameOverride_CreatesTheJobAndLinksToJobs()
    {
        var page = RenderWithProviders();
        Upload(page, InputFileContent.CreateFromBinary(Confxml(auth: false), "confxml.xml"));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-confirm]")), Wait);

        page.Find("[data-testid=import-job-name] input, input[data-testid=import-job-name]").Change("page-imported");
        page.WaitForAssertion(() => Assert.Contains("page-imported", page.Find("[data-testid=import-summary]").TextContent), Wait);
        page.Find("[data-testid=import-confirm]").Click();

        page.WaitForAssertion(() => Assert.Contains("page-imported", page.Find("[data-testid=import-success]").TextContent), Wait);
        Assert.Equal("jobs", page.Find("[data-testid=import-job-link]").GetAttribute("href"));
        var job = Assert.Single(await ListJobsAsync(), j => j.Name == "page-imported");
        Assert.Equal(watched.Path, job.WatchPath);
        await factory.Services.GetRequiredService<JobStore>().DeleteAsync(job.Id, CancellationToken.None); // the host would keep running it
    }

    [Fact]
    public async Task Upload_NotAConfxml_ShowsErrorsAndConfirmIsDisabled()
    {
        var page = RenderWithProviders();

        Upload(page, InputFileContent.CreateFromText("this is not xml", "confxml.xml"));

        page.WaitForAssertion(() => Assert.Contains("error", page.Find("[data-testid=import-item-severity]").TextContent), Wait);
        Assert.True(page.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
        Assert.NotEmpty(page.FindAll("[data-testid=import-blocked]"));
        Assert.Empty(page.FindAll("[data-testid=import-summary]"));
        Assert.DoesNotContain(await ListJobsAsync(), j => j.WatchPath == watched.Path);
    }

    [Fact]
    public void Upload_OverOneMebibyte_SaysSoAndReadsNothing()
    {
        var page = RenderWithProviders();

        Upload(page, InputFileContent.CreateFromBinary(new byte[(1 << 20) + 1], "huge.xml"));

        page.WaitForAssertion(() => Assert.Contains("over the 1 MiB limit", page.Find("[data-testid=import-upload-error]").TextContent), Wait);
        Assert.Empty(page.FindAll("[data-testid=import-report]"));
    }

    private static void Upload(IRenderedComponent<Bunit.Rendering.ContainerFragment> page, InputFileContent file) =>
        page.FindComponent<InputFile>().UploadFiles(file);

    private byte[] Confxml(bool auth) => new TestConfxml
    {
        Watch = watched.Path, Remotes = [("127.0.0.2", "www")], Auth = auth, PasswordFile = "/nonexistent/page-test.pas",
    }.ToBytes();

    private Task<IReadOnlyList<Contracts.JobResponse>> ListJobsAsync() =>
        factory.Services.GetRequiredService<JobStore>().ListAsync(CancellationToken.None);

    private IRenderedComponent<Bunit.Rendering.ContainerFragment> RenderWithProviders() => context.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<ImportPage>(2);
        builder.CloseComponent();
    });
}
