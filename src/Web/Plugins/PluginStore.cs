using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Plugins;
using SyncConsole.Web.Contracts;
using SyncConsole.Web.Jobs;
using SyncConsole.Web.Security;
using SyncConsole.Web.Validation;

namespace SyncConsole.Web.Plugins;

/// <summary>A job's plugins: read them (secrets hidden), or replace the whole list after validating every entry.</summary>
public sealed class PluginStore(IDbContextFactory<SyncConsoleDbContext> dbFactory, JobChangeNotifier notifier, SecretProtector protector)
{
    public async Task<IReadOnlyList<PluginResponse>?> ListAsync(int jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Jobs.AnyAsync(j => j.Id == jobId, cancellationToken)) return null;
        var rows = await db.PluginConfigs.AsNoTracking().Where(p => p.JobId == jobId).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        return rows.Select(ToResponse).ToList();
    }

    public async Task<StoreResult<IReadOnlyList<PluginResponse>>> ReplaceAsync(int jobId, IReadOnlyList<PluginRequest> requests, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.Include(j => j.Plugins).SingleOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job is null) return StoreResult<IReadOnlyList<PluginResponse>>.Missing();

        var errors = new ValidationErrors();

        // A refreshCDN password left out of a PUT keeps the one stored for the refreshCDN plugin at the same position.
        var storedPasswords = job.Plugins.Where(p => p.Kind == PluginKind.RefreshCdn).OrderBy(p => p.Id)
            .Select(p => TryDeserialize(p) is RefreshCdnPluginSettings s ? s.Password : null).ToList();
        var cdnIndex = 0;
        var rows = new List<PluginConfig>();
        for (var i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            var prefix = $"plugins[{i}]";
            if (!Enum.IsDefined(request.Kind)) { errors.Add($"{prefix}.kind", "Unknown plugin kind; use command, socket, refreshCdn or http."); continue; }
            if (request.Settings.ValueKind != JsonValueKind.Object) { errors.Add($"{prefix}.settings", "The settings must be a JSON object."); continue; }
            object settings;
            try { settings = PluginSettingsSerializer.Deserialize(request.Kind, request.Settings.GetRawText()); }
            catch (JsonException e) { errors.Add($"{prefix}.settings", $"Invalid {request.Kind} settings: {e.Message}"); continue; }
            PluginValidator.Validate(settings, $"{prefix}.settings", errors.Add);

            if (settings is RefreshCdnPluginSettings cdn)
            {
                var stored = cdnIndex < storedPasswords.Count ? storedPasswords[cdnIndex] : null;
                cdnIndex++;
                settings = cdn with { Password = string.IsNullOrEmpty(cdn.Password) ? stored : protector.Protect(cdn.Password) };
            }
            rows.Add(new PluginConfig { JobId = jobId, Kind = request.Kind, Enabled = request.Enabled, SettingsJson = PluginSettingsSerializer.Serialize(settings) });
        }
        if (!errors.IsEmpty)
            return StoreResult<IReadOnlyList<PluginResponse>>.Invalid(errors.ToDictionary());

        db.PluginConfigs.RemoveRange(job.Plugins);
        db.PluginConfigs.AddRange(rows);
        await db.SaveChangesAsync(cancellationToken);
        notifier.NotifyChanged();
        return StoreResult<IReadOnlyList<PluginResponse>>.Ok(rows.Select(ToResponse).ToList());
    }

    private static object? TryDeserialize(PluginConfig row)
    {
        try { return PluginSettingsSerializer.Deserialize(row.Kind, row.SettingsJson); }
        catch (JsonException) { return null; }
    }

    private static PluginResponse ToResponse(PluginConfig row)
    {
        var settings = JsonNode.Parse(row.SettingsJson) as JsonObject ?? [];
        if (row.Kind == PluginKind.RefreshCdn)
        {
            var hasPassword = settings["password"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0;
            settings.Remove("password");
            settings["hasPassword"] = hasPassword;
        }
        return new PluginResponse { Id = row.Id, Kind = row.Kind, Enabled = row.Enabled, Settings = settings };
    }
}
