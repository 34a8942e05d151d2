using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
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
    public async Task DestinationPerRemote_SecondFileOnTheSameModule_IsBlockedNamingTheFirstJob_UntilItGetsAFolder()
    {
        var module = "dest" + Guid.NewGuid().ToString("N")[..6];
        var first = await factory.Services.GetRequiredService<ConfxmlImportService>().ImportAsync(
            Confxml(auth: false, module), "page-first", dryRun: false, PasswordFileAccess.AllowedDirectoriesOnly, CancellationToken.None);
        Assert.NotNull(first.JobId);
        await factory.Services.GetRequiredService<JobStore>().SetPausedAsync(first.JobId!.Value, true, CancellationToken.None);
        try
        {
            var page = RenderWithProviders();
            Upload(page, InputFileContent.CreateFromBinary(Confxml(auth: false, module), "confxml.xml"));
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=import-confirm]")), Wait);
            page.Find("[data-testid=import-job-name] input, input[data-testid=import-job-name]").Change("page-second");
            page.WaitForAssertion(() => Assert.Contains("page-second", page.Find("[data-testid=import-summary]").TextContent), Wait);
            Assert.True(page.Find("[data-testid=import-confirm]").HasAttribute("disabled"));
            Assert.Contains(page.FindAll("[data-testid=import-item-message]"), m => m.TextContent.Contains("job 'page-first'"));

            // The first job fills the module root, so no folder helps: the report says to move the first job.
            page.Find("[data-testid=import-destination] input, input[data-testid=import-destination]").Change("second");
            page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=import-item-message]"), m => m.TextContent.Contains("uses the root")), Wait);

            // Once the first job has a folder of its own, a sibling folder is fine.
            await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync())
            {
                var link = await db.JobRemotes.SingleAsync(jr => jr.JobId == first.JobId);
                link.Destination = "first";
                await db.SaveChangesAsync();
            }
            page.Find("[data-testid=import-destination] input, input[data-testid=import-destination]").Change("second/");
            page.WaitForAssertion(() => Assert.False(page.Find("[data-testid=import-confirm]").HasAttribute("disabled")), Wait);
            page.Find("[data-testid=import-confirm]").Click();
            page.WaitForAssertion(() => Assert.Contains("page-second", page.Find("[data-testid=import-success]").TextContent), Wait);

            var second = Assert.Single(await ListJobsAsync(), j => j.Name == "page-second");
            Assert.Equal("second", Assert.Single(second.Targets).Destination);
            await factory.Services.GetRequiredService<JobStore>().DeleteAsync(second.Id, CancellationToken.None);
        }
        finally
        {
            await factory.Services.GetRequiredService<JobStore>().DeleteAsync(first.JobId.Value, CancellationToken.None);
        }
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

    private byte[] Confxml(bool auth, string module = "www") => new TestConfxml
    {
        Watch = watched.Path, Remotes = [("127.0.0.2", module)], Auth = auth, PasswordFile = "/nonexistent/page-test.pas",
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
