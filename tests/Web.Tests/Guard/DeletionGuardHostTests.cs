using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Engine.Events;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Guard;

/// <summary>
/// The deletion guard on the real host, a real daemon and sersync's -artuz with delete on: a watch folder emptied while
/// the job was paused makes the start-up reconcile a held run, shown in the status; Confirm deletes and Cancel.
/// </summary>
public sealed class DeletionGuardHostTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private const int Files = 150;
    private HostScenario scenario = null!;

    public async Task InitializeAsync() => scenario = await HostScenario.StartAsync(factory);
    public async Task DisposeAsync() => await scenario.DisposeAsync();

    private int RemoteFiles => Directory.GetFiles(scenario.Daemon.ModulePath).Length;

    /// <summary>The status lists no remote while the job is starting: not held (yet).</summary>
    private bool IsHeld(int job) => Status(job).Result.GetProperty("remotes") is { ValueKind: JsonValueKind.Array } remotes
        && remotes.GetArrayLength() > 0 && remotes[0].GetProperty("heldRun").ValueKind == JsonValueKind.Object;

    private async Task<JsonElement> Status(int job) => await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}/status");

    /// <summary>A synced job whose folder was emptied while it was paused, resumed: its start-up reconcile is held.</summary>
    private async Task<int> HeldReconcileAsync(string name)
    {
        for (var i = 0; i < Files; i++) File.WriteAllText(scenario.Local($"f{i:D4}.txt"), "content " + i);
        var remote = await scenario.CreateRemoteAsync(name);
        var job = await scenario.CreateJobAsync(new JobRequest { Name = name, RemoteIds = [remote], RsyncParams = "-artuz" });
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "start-up full sync", 30);
        await Eventually.TrueAsync(() => scenario.InDb(db => db.Jobs.AnyAsync(j => j.Id == job && j.LastHealthyDevice != null)).Result,
            "the healthy file system remembered", 10);

        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        await Eventually.TrueAsync(() => scenario.State(job).Result == "paused", "paused", 10);
        foreach (var f in Directory.GetFiles(scenario.Watched.Path)) File.Delete(f); // a script emptied the folder
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);

        await Eventually.TrueAsync(() => IsHeld(job),
            "the reconcile held", 30);
        return job;
    }

    [Fact]
    public async Task EmptiedWatchFolder_ReconcileIsHeld_StatusSaysWhy_ConfirmDeletesMakesItIdentical()
    {
        var job = await HeldReconcileAsync("guard-confirm");

        var status = await Status(job);
        Assert.Equal("error", status.GetProperty("state").GetString());
        var reason = status.GetProperty("reason").GetString()!;
        Assert.Contains($"held: would delete {Files} of {Files} remote entries", reason);
        Assert.Contains("the watch folder is empty", reason);
        var held = status.GetProperty("remotes")[0].GetProperty("heldRun");
        Assert.Equal(Files, held.GetProperty("wouldDelete").GetInt32());
        Assert.Equal(Files, held.GetProperty("remoteEntries").GetInt32());
        Assert.Equal("degraded", status.GetProperty("health").GetString());
        Assert.Equal(Files, RemoteFiles); // nothing deleted
        Assert.Contains(scenario.Events(job), e => e.Kind == EngineEventKind.DeletionHeld && e.Message!.Contains("watch folder is empty"));
        await Task.Delay(500);
        Assert.Equal(Files, RemoteFiles); // and nothing deleted later either

        var confirm = await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/confirm", null);
        Assert.Equal(HttpStatusCode.Accepted, confirm.StatusCode);

        await Eventually.TrueAsync(() => RemoteFiles == 0, "the confirmed full sync deleted", 30);
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
        await Eventually.TrueAsync(() => scenario.State(job).Result == "watching", "no longer in error", 10);
        Assert.Contains(scenario.Events(job), e => e.Kind == EngineEventKind.DeletionConfirmed);
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/confirm", null)).StatusCode);
    }

    [Fact]
    public async Task Cancel_DropsTheHeldRun_RemoteKeepsEverything_JobStaysWarned()
    {
        var job = await HeldReconcileAsync("guard-cancel");

        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Client.PostAsync("/api/jobs/99999/held-run/cancel", null)).StatusCode);
        var cancel = await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/cancel", null);
        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);

        var status = await Status(job);
        Assert.Equal("watching", status.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("remotes")[0].GetProperty("heldRun").ValueKind);
        Assert.Contains("a held run was cancelled", status.GetProperty("remotes")[0].GetProperty("deletionWarning").GetString());
        Assert.Equal("degraded", status.GetProperty("health").GetString());
        Assert.Contains(status.GetProperty("healthReasons").EnumerateArray(), r => r.GetString()!.Contains("a held run was cancelled"));
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/confirm", null)).StatusCode);
        await Task.Delay(500);
        Assert.Equal(Files, RemoteFiles);

        // A later check that passes clears the warning: the folder has its content again, and a full sync now goes.
        for (var i = 0; i < Files; i++) File.WriteAllText(scenario.Local($"f{i:D4}.txt"), "content " + i);
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/fullsync", null)).StatusCode);
        await Eventually.TrueAsync(() => Status(job).Result.GetProperty("remotes") is { } r && r.GetArrayLength() > 0 && r[0].GetProperty("deletionWarning").ValueKind == JsonValueKind.Null,
            "warning cleared by a passing check", 30);
    }

    [Fact]
    public async Task FullSyncRetriedFromTheFailLog_IsHeld_EntryStaysPending_ConfirmResolvesIt()
    {
        for (var i = 0; i < Files; i++) File.WriteAllText(scenario.Local($"f{i:D4}.txt"), "content " + i);
        var remote = await scenario.CreateRemoteAsync("guard-retry");
        // Without the delete event the emptied folder reaches the remote only through the retried full sync (realtime
        // deletes of the files as they go, racing the check, are another path: exact deletes are not held).
        var job = await scenario.CreateJobAsync(new JobRequest
        {
            Name = "guard-retry", RemoteIds = [remote], RsyncParams = "-artuz", Events = ["createFolder", "closeWrite", "moveFrom", "moveTo"],
        });
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "start-up full sync", 30);

        // The remote is down for a full sync (a fail-log entry for the whole tree), and meanwhile the folder is emptied.
        await scenario.Daemon.StopAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/fullsync", null)).StatusCode);
        await Eventually.TrueAsync(() => PendingEntries(job).Result.Any(e => e.GetProperty("fullSync").GetBoolean()), "the failed full sync in the fail log", 30);
        foreach (var f in Directory.GetFiles(scenario.Watched.Path)) File.Delete(f);
        await scenario.Daemon.StartAsync();

        // Its retry (auto-heal's or this one) is held: nothing deleted, the entry still pending, the job showing the held run.
        await scenario.Client.PostAsync($"/api/faillog/retry?jobId={job}", null);
        await Eventually.TrueAsync(() => IsHeld(job), "the retried full sync held", 60);
        Assert.Equal(Files, RemoteFiles);
        Assert.NotEmpty(await PendingEntries(job));

        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/confirm", null)).StatusCode);
        await Eventually.TrueAsync(() => RemoteFiles == 0 && PendingEntries(job).Result.Count == 0, "confirmed full sync, fail log resolved", 60);
        TreeAssert.Identical(scenario.Watched.Path, scenario.Daemon.ModulePath);
    }

    private async Task<List<JsonElement>> PendingEntries(int job) =>
        [.. (await scenario.Client.GetFromJsonAsync<JsonElement>($"/api/faillog?state=pending&jobId={job}")).GetProperty("items").EnumerateArray()];

    [SkippableFact]
    public async Task WatchFolderOnAnotherFileSystem_ReconcileIsHeld_ConfirmDeletesMakesItIdentical()
    {
        for (var i = 0; i < 60; i++) File.WriteAllText(scenario.Local($"f{i:D4}.txt"), "content " + i);
        var remote = await scenario.CreateRemoteAsync("guard-device");
        var job = await scenario.CreateJobAsync(new JobRequest { Name = "guard-device", RemoteIds = [remote], RsyncParams = "-artuz" });
        await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "start-up full sync", 30);
        await Eventually.TrueAsync(() => scenario.InDb(db => db.Jobs.AnyAsync(j => j.Id == job && j.LastHealthyDevice != null)).Result,
            "the healthy file system remembered", 10);
        Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        await Eventually.TrueAsync(() => scenario.State(job).Result == "paused", "paused", 10);

        // Another disk at the mount point, with one file: not empty, and 60 deletes are below the minimum of 100.
        var mountFailed = await TmpfsMount.MountAsync(scenario.Watched.Path);
        Skip.If(mountFailed is not null, $"cannot mount a tmpfs over the watch folder here ({mountFailed}): the device-change case is not tested");
        try
        {
            File.WriteAllText(scenario.Local("other-disk.txt"), "o");
            Assert.Equal(HttpStatusCode.NoContent, (await scenario.Client.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);
            await Eventually.TrueAsync(() => IsHeld(job),
                "the reconcile held", 30);

            var reason = (await Status(job)).GetProperty("reason").GetString()!;
            Assert.Contains("held: would delete 60 of 60 remote entries", reason);
            Assert.Contains("on another file system than when the job was last healthy", reason);
            Assert.DoesNotContain("empty", reason);
            Assert.Equal(60, RemoteFiles);
            Assert.False(File.Exists(scenario.Remote("other-disk.txt"))); // nothing sent from the other disk either

            Assert.Equal(HttpStatusCode.Accepted, (await scenario.Client.PostAsync($"/api/jobs/{job}/held-run/confirm", null)).StatusCode);
            await Eventually.TrueAsync(() => TreeAssert.AreIdentical(scenario.Watched.Path, scenario.Daemon.ModulePath), "confirmed full sync", 30);
            await Eventually.TrueAsync(() => scenario.State(job).Result == "watching", "no longer in error", 10);
        }
        finally
        {
            await scenario.Client.PostAsync($"/api/jobs/{job}/pause", null);
            await TmpfsMount.UnmountAsync(scenario.Watched.Path);
        }
    }

    [Fact]
    public async Task JobSettings_DefaultOn_AreValidated_AndStored()
    {
        var remote = await scenario.CreateRemoteAsync("guard-settings");
        var bad = await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest
        {
            Name = "bad guard", WatchPath = scenario.Watched.Path, RemoteIds = [remote], DeletionGuardPercent = 101, DeletionGuardMinCount = 0,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("deletionGuardPercent", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("deletionGuardMinCount", out _));

        var created = await scenario.Client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "guard defaults", WatchPath = scenario.Watched.Path, RemoteIds = [remote] });
        var job = (await created.Content.ReadFromJsonAsync<JobResponse>())!;
        Assert.True(job.DeletionGuard);
        Assert.Equal(50, job.DeletionGuardPercent);
        Assert.Equal(100, job.DeletionGuardMinCount);

        var updated = await scenario.Client.PutAsJsonAsync($"/api/jobs/{job.Id}", new JobRequest
        {
            Name = "guard defaults", WatchPath = scenario.Watched.Path, RemoteIds = [remote], DeletionGuard = false, DeletionGuardPercent = 0, DeletionGuardMinCount = 7,
        });
        var stored = (await updated.Content.ReadFromJsonAsync<JobResponse>())!;
        Assert.False(stored.DeletionGuard); // an explicit "off" is stored as given, not replaced by the column default
        Assert.Equal(0, stored.DeletionGuardPercent);
        Assert.Equal(7, stored.DeletionGuardMinCount);
    }
}
