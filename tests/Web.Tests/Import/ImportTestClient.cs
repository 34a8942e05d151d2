using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SyncConsole.Data;
using SyncConsole.Web.Contracts;

namespace SyncConsole.Web.Tests.Import;

/// <summary>Uploads and database look-ups shared by the import tests.</summary>
internal static class ImportTestClient
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string query = "")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        form.Add(file, "file", "confxml.xml");
        return client.PostAsync("/api/import/confxml" + query, form);
    }

    public static async Task<ConfxmlImportResponse> ReadImportAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ConfxmlImportResponse>(Json))!;

    /// <summary>Rows of every table an import writes: (jobs, remotes, links, filter rules, plugin configs).</summary>
    public static async Task<(int Jobs, int Remotes, int Links, int Filters, int Plugins)> CountRowsAsync(IServiceProvider services)
    {
        await using var db = await Db(services);
        return (await db.Jobs.CountAsync(), await db.Remotes.CountAsync(), await db.JobRemotes.CountAsync(),
            await db.FilterRules.CountAsync(), await db.PluginConfigs.CountAsync());
    }

    public static Task<SyncConsoleDbContext> Db(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<SyncConsoleDbContext>>().CreateDbContextAsync();

    /// <summary>Deletes every job so the host stops watching folders the test is about to remove.</summary>
    public static async Task DeleteAllJobsAsync(HttpClient client)
    {
        foreach (var job in await client.GetFromJsonAsync<List<JobResponse>>("/api/jobs", Json) ?? [])
            await client.DeleteAsync($"/api/jobs/{job.Id}");
    }
}
