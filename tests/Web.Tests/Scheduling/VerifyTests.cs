using SyncConsole.Engine.Delivery;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Scheduling;

/// <summary>Verify against a real daemon: it finds what was changed behind the engine's back, and proves the repair.</summary>
public sealed class VerifyTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private async Task<List<VerifyResultResponse>> VerifyAsync(int job)
    {
        var response = await scenario.Client.PostAsync($"/api/jobs/{job}/verify", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<VerifyResultResponse>>(HostScenario.Json))!;
    }

    [Fact]
    public async Task Verify_TamperedAndMissingOnRemote_ReportsThem_ThenIdenticalAfterRepair()
    {
        File.WriteAllText(scenario.Local("ledger.txt"), "balance: 100");
        File.WriteAllText(scenario.Local("contract.txt"), "signed");
        var remote = await scenario.CreateRemoteAsync("verify");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "verify", RemoteIds = [remote] });
        await Eventually.TrueAsync(() => scenario.RemoteHas("ledger.txt", "balance: 100") && scenario.RemoteHas("contract.txt", "signed"), "start-up sync", 30);
        var clean = Assert.Single(await VerifyAsync(job));
        Assert.True(clean.InSync, clean.Summary);

        File.WriteAllText(scenario.Remote("ledger.txt"), "balance: 1000000");
        File.SetLastWriteTimeUtc(scenario.Remote("ledger.txt"), DateTime.UtcNow.AddDays(-1));
        File.Delete(scenario.Remote("contract.txt"));
        File.WriteAllText(scenario.Remote("planted.txt"), "extra");

        var found = Assert.Single(await VerifyAsync(job));

        Assert.False(found.InSync);
        Assert.Equal(3, found.DifferenceCount);
        Assert.Contains(found.Differences, d => d.Path == "ledger.txt" && d.Kind == DifferenceKind.SizeDiffers);
        Assert.Contains(found.Differences, d => d.Path == "contract.txt" && d.Kind == DifferenceKind.MissingOnRemote);
        Assert.Contains(found.Differences, d => d.Path == "planted.txt" && d.Kind == DifferenceKind.ExtraOnRemote);
        Assert.True(scenario.RemoteHas("ledger.txt", "balance: 1000000"), "verify changes nothing");
        var status = await scenario.Client.GetFromJsonAsync<JobStatusResponse>($"/api/jobs/{job}/status", HostScenario.Json);
        Assert.Equal(3, Assert.Single(status!.Verify).DifferenceCount);

        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/fullsync?remoteId={remote}", null)).StatusCode);
        await Eventually.TrueAsync(() => scenario.RemoteHas("ledger.txt", "balance: 100") && scenario.RemoteHas("contract.txt", "signed"), "repaired", 30);

        var repaired = Assert.Single(await VerifyAsync(job));
        Assert.True(repaired.InSync, repaired.Summary);
        Assert.StartsWith("verified identical at", repaired.Summary);
        status = await scenario.Client.GetFromJsonAsync<JobStatusResponse>($"/api/jobs/{job}/status", HostScenario.Json);
        Assert.True(Assert.Single(status!.Verify).InSync);
        Assert.Equal(1, await scenario.InDb(db => db.VerifyResults.CountAsync(r => r.JobId == job))); // the last result replaces the previous one
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
    }

    [Fact]
    public async Task Verify_NewerRemoteEditUnderArtuz_IsReportedAsKeptByU_FullSyncKeepsIt_MakeIdenticalReplacesIt()
    {
        File.WriteAllText(scenario.Local("page.html"), "<p>ours</p>");
        var remote = await scenario.CreateRemoteAsync("make-identical");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "make identical", RemoteIds = [remote], RsyncParams = "-artuz" });
        await Eventually.TrueAsync(() => scenario.RemoteHas("page.html", "<p>ours</p>"), "start-up sync", 30);

        File.WriteAllText(scenario.Remote("page.html"), "<p>defaced</p>");
        File.SetLastWriteTimeUtc(scenario.Remote("page.html"), DateTime.UtcNow.AddHours(1));

        var found = Assert.Single(await VerifyAsync(job));
        Assert.False(found.InSync, found.Summary);
        var kept = Assert.Single(found.Differences);
        Assert.Equal(("page.html", "-u"), (kept.Path, kept.KeptByJobOption));
        Assert.Contains("kept by the job's options", found.Summary);

        // The job's own full sync keeps the newer remote file (sersync semantics): verify still says so.
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/fullsync", null)).StatusCode);
        await Eventually.TrueAsync(() => scenario.InDb(db => db.SyncRuns.CountAsync(r => r.JobId == job && r.Kind == RunKind.Full)).Result >= 2, "full sync ran", 30);
        Assert.True(scenario.RemoteHas("page.html", "<p>defaced</p>"));

        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/make-identical", null)).StatusCode);
        // The file changes while rsync runs; its run row is written when it ends.
        await Eventually.TrueAsync(() => scenario.RemoteHas("page.html", "<p>ours</p>")
            && scenario.InDb(db => db.SyncRuns.CountAsync(r => r.JobId == job && r.Kind == RunKind.Full)).Result >= 3, "made identical", 30);
        var run = await scenario.InDb(db => db.SyncRuns.Where(r => r.JobId == job && r.Kind == RunKind.Full).OrderBy(r => r.Id).LastAsync());
        Assert.Contains("--checksum", run.CommandLine);
        Assert.DoesNotContain(" -artuz", run.CommandLine);
        Assert.True(Assert.Single(await VerifyAsync(job)).InSync);
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Client.PostAsync("/api/jobs/99999/make-identical", null)).StatusCode);
    }
}
