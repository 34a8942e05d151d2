using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
using SyncConsole.Engine.Rsync;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Remotes;

namespace SyncConsole.Web.Tests.Engine;

/// <summary>An ssh remote created through the API, delivered to by the host's engine over a real sshd on loopback.</summary>
public sealed class SshRemoteHostTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>, IAsyncLifetime
{
    private readonly TempDirectory watched = new("syncconsole-sshjob");
    private HttpClient client = null!;
    private SshServerFixture ssh = null!;

    public async Task InitializeAsync()
    {
        ssh = await SshServerFixture.StartNewAsync();
        client = factory.CreateApiClient();
    }

    public async Task DisposeAsync()
    {
        // Stop the jobs that point at these folders before they go.
        foreach (var job in await client.GetFromJsonAsync<List<JobResponse>>("/api/jobs") ?? [])
            await client.DeleteAsync($"/api/jobs/{job.Id}");
        await ssh.DisposeAsync();
        client.Dispose();
        watched.Dispose();
    }

    private RemoteRequest SshRemote(string name) => new()
    {
        Name = name, Host = "127.0.0.1", Transport = "ssh", ModuleOrPath = ssh.TargetPath, User = ssh.User, Port = ssh.Port,
        TimeoutSeconds = 20, SshKeyPath = ssh.ClientKeyPath, KnownHostsPath = ssh.KnownHostsPath,
    };

    [Fact]
    public async Task SshRemoteWithKnownHosts_JobDeliversThroughTheHost_TreesIdentical()
    {
        var created = await client.PostAsJsonAsync("/api/remotes", SshRemote("ssh-e2e"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var remote = (await created.Content.ReadFromJsonAsync<RemoteResponse>())!;
        Assert.Equal(("ssh", ssh.KnownHostsPath, ssh.ClientKeyPath), (remote.Transport, remote.KnownHostsPath, remote.SshKeyPath));

        File.WriteAllText(Path.Combine(watched.Path, "before.txt"), "there before the job");
        var jobResponse = await client.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "ssh e2e", WatchPath = watched.Path, RemoteIds = [remote.Id] });
        Assert.True(jobResponse.StatusCode == HttpStatusCode.Created, await jobResponse.Content.ReadAsStringAsync());
        var job = (await jobResponse.Content.ReadFromJsonAsync<JobResponse>())!.Id;
        await Eventually.TrueAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/jobs/{job}/status").Result.GetProperty("state").GetString() == "watching",
            "job watching", 30);

        Directory.CreateDirectory(Path.Combine(watched.Path, "folder with space/inner"));
        File.WriteAllText(Path.Combine(watched.Path, "folder with space/inner/report.txt"), "delivered over ssh");
        var target = Path.Combine(ssh.TargetPath, "folder with space/inner/report.txt");
        await Eventually.TrueAsync(() => File.Exists(target) && File.ReadAllText(target) == "delivered over ssh", "file delivered over ssh", 30);
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(ssh.TargetPath, "before.txt")), "start-up reconcile over ssh", 30);
        File.Delete(Path.Combine(watched.Path, "before.txt"));
        await Eventually.TrueAsync(() => !File.Exists(Path.Combine(ssh.TargetPath, "before.txt")), "delete delivered over ssh", 30);
        TreeAssert.Identical(watched.Path, ssh.TargetPath);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();
        var runs = await db.SyncRuns.Where(r => r.JobId == job && r.RemoteId == remote.Id).ToListAsync();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        Assert.Contains(runs, r => r.CommandLine.Contains("StrictHostKeyChecking=yes", StringComparison.Ordinal));
        var keyBody = File.ReadAllLines(ssh.ClientKeyPath)[1];
        Assert.DoesNotContain(runs, r => r.CommandLine.Contains(keyBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TestConnection_StoredSshRemote_UsesItsKnownHostsFile()
    {
        var good = (await (await client.PostAsJsonAsync("/api/remotes", SshRemote("ssh-probe-good"))).Content.ReadFromJsonAsync<RemoteResponse>())!;
        var unknown = (await (await client.PostAsJsonAsync("/api/remotes", SshRemote("ssh-probe-unknown") with { KnownHostsPath = ssh.EmptyKnownHostsPath }))
            .Content.ReadFromJsonAsync<RemoteResponse>())!;
        var tester = factory.Services.GetRequiredService<RemoteConnectionTester>();

        var ok = await tester.TestAsync(good.Id, CancellationToken.None);
        var refused = await tester.TestAsync(unknown.Id, CancellationToken.None);

        Assert.Equal(ProbeOutcome.Ok, ok!.Outcome);
        Assert.Equal(ProbeOutcome.AuthFailed, refused!.Outcome);
        Assert.Contains("Host key verification failed", refused.Message);
    }

    [Theory]
    [InlineData("known_hosts", "absolute")]
    [InlineData("/etc/it's/known_hosts", "quotes")]
    [InlineData("/etc/%h/known_hosts", "'%'")]
    public async Task CreateRemote_BadKnownHostsPath_400NamingTheFieldAndNothingStored(string path, string problem)
    {
        var response = await client.PostAsJsonAsync("/api/remotes", SshRemote("ssh-bad-known-hosts") with { KnownHostsPath = path });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = body.GetProperty("errors").GetProperty("knownHostsPath")[0].GetString();
        Assert.Contains(problem, message);
        var remotes = await client.GetFromJsonAsync<List<RemoteResponse>>("/api/remotes");
        Assert.DoesNotContain(remotes!, r => r.Name == "ssh-bad-known-hosts");
    }
}
