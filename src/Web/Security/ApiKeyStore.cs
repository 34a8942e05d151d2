using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Security;

/// <summary>
/// The API key for scripts: from <c>SYNCCONSOLE_API_KEY</c> when set, else generated once and stored protected
/// (not hashed: the Settings page must be able to show it). Kept in memory after start-up.
/// </summary>
public sealed class ApiKeyStore(
    IDbContextFactory<SyncConsoleDbContext> dbFactory, SecretProtector protector, IConfiguration configuration, TimeProvider clock, SessionStampStore stamps)
{
    // Key and hash are swapped together so a request racing a regeneration sees one consistent pair.
    private volatile Tuple<string, byte[]>? current;

    /// <summary>True when the key comes from the environment and cannot be regenerated here.</summary>
    public bool FromEnvironment { get; private set; }

    public string CurrentKey => current?.Item1 ?? throw new InvalidOperationException("The API key store was not initialized.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var fromEnvironment = configuration[EnvironmentVariables.ApiKey];
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            FromEnvironment = true;
            Set(fromEnvironment.Trim());
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings.FindAsync([AppSettingKeys.ProtectedApiKey], cancellationToken);
        if (stored is not null) Set(protector.Unprotect(stored.Value));
        else await SaveNewKeyAsync(db, cancellationToken);
    }

    /// <summary>Constant-time comparison (of hashes, so the key's length does not leak either).</summary>
    public bool Matches(string? candidate) =>
        !string.IsNullOrEmpty(candidate) && current is { } key
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), key.Item2);

    public async Task<string> RegenerateAsync(CancellationToken cancellationToken)
    {
        if (FromEnvironment)
            throw new InvalidOperationException($"The API key is set by the environment variable {EnvironmentVariables.ApiKey}; change it there.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await SaveNewKeyAsync(db, cancellationToken);
        // Regenerating is what one does after a leak: whoever had the key may have opened a login session too.
        await stamps.RotateAsync("the API key was regenerated", cancellationToken);
        return key;
    }

    private async Task<string> SaveNewKeyAsync(SyncConsoleDbContext db, CancellationToken cancellationToken)
    {
        var key = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var row = await db.Settings.FindAsync([AppSettingKeys.ProtectedApiKey], cancellationToken);
        if (row is null) db.Settings.Add(row = new AppSetting { Key = AppSettingKeys.ProtectedApiKey, Value = "" });
        row.Value = protector.Protect(key);
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        Set(key);
        return key;
    }

    private void Set(string key) => current = Tuple.Create(key, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
