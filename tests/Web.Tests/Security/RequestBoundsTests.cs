using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SyncConsole.TestSupport;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;

namespace SyncConsole.Web.Tests.Security;

/// <summary>Lists, bodies and schedules are bounded; what is out of bounds is a 400 (or 413) and nothing is stored.</summary>
public sealed class RequestBoundsTests(SyncConsoleFactory factory) : IClassFixture<SyncConsoleFactory>
{
    private async Task<JsonElement> RejectedAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        Assert.Equal(expected, response.StatusCode);
        using var api = factory.CreateApiClient();
        Assert.Empty((await api.GetFromJsonAsync<List<JobResponse>>("/api/jobs", HostScenario.Json))!);
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    [Theory]
    [InlineData("excludeRegexes")]
    [InlineData("fullSyncExcludes")]
    public async Task CreateJob_MoreThanAThousandExcludes_Is400NamingTheField(string field)
    {
        using var api = factory.CreateApiClient();
        using var watched = new TempDirectory("syncconsole-bounds");
        var many = Enumerable.Range(0, JobValidator.MaxListEntries + 1).Select(i => $"x{i}").ToList();
        var request = new JobRequest { Name = "many", WatchPath = watched.Path };
        request = field == "excludeRegexes" ? request with { ExcludeRegexes = many } : request with { FullSyncExcludes = many };

        var problem = await RejectedAsync(await api.PostAsJsonAsync("/api/jobs", request));

        Assert.Contains("At most 1000", problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CreateJob_TwoMegabyteBody_Is413(bool declaredLength)
    {
        using var api = factory.CreateApiClient();
        using var watched = new TempDirectory("syncconsole-bounds");
        var request = new JobRequest { Name = "huge", WatchPath = watched.Path, ExcludeRegexes = Enumerable.Range(0, 500).Select(_ => new string('a', 4000)).ToList() };
        HttpContent body = declaredLength
            ? new StringContent(JsonSerializer.Serialize(request, HostScenario.Json), System.Text.Encoding.UTF8, "application/json")
            : JsonContent.Create(request); // streamed without a Content-Length

        var response = await api.PostAsync("/api/jobs", body);

        await RejectedAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("* * * * * ?")]
    [InlineData("0/10 * * * * ?")]
    [InlineData("0,30 * * * * ?")]
    [InlineData("0-59 0 2 * * ?")]
    public async Task CreateJob_CronFiringMoreThanOnceAMinute_Is400(string cron)
    {
        using var api = factory.CreateApiClient();
        using var watched = new TempDirectory("syncconsole-bounds");

        var problem = await RejectedAsync(await api.PostAsJsonAsync("/api/jobs", new JobRequest { Name = "often", WatchPath = watched.Path, FullSyncCron = cron }));

        Assert.Contains("at most once a minute", problem.GetProperty("errors").GetProperty("fullSyncCron")[0].GetString());
    }

    [Theory]
    [InlineData("0 * * * * ?", true)]
    [InlineData("0 30 2 * * ?", true)]
    [InlineData("15 */5 * * * ?", true)]
    [InlineData("* * * * * ?", false)]
    [InlineData("*/1 * * * * ?", false)]
    [InlineData("0,1 * * * * ?", false)]
    public void FiresAtMostOncePerMinute_ReadsTheSecondsField(string cron, bool expected) =>
        Assert.Equal(expected, JobValidator.FiresAtMostOncePerMinute(cron));

    [Fact]
    public async Task Readyz_WithoutCredentials_Is401()
    {
        using var anonymous = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
    }
}
