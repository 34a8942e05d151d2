using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;

namespace SyncConsole.Web.Security;

/// <summary>
/// The session stamp: a random value stored in the settings table and copied into every login cookie. Logging out,
/// changing the password and regenerating the API key replace it, so every cookie issued before (including one
/// copied elsewhere) stops working at once instead of living out its 7 days. Kept in memory: checking a cookie
/// costs one comparison.
/// </summary>
public sealed class SessionStampStore(IDbContextFactory<SyncConsoleDbContext> dbFactory, TimeProvider clock, ILogger<SessionStampStore> logger)
{
    public const string ClaimType = "syncconsole:session-stamp";
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile string? current;

    public string Current => current ?? throw new InvalidOperationException("The session stamp store was not initialized.");

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.Settings.FindAsync([AppSettingKeys.SessionStamp], cancellationToken);
        if (stored is not null) current = stored.Value;
        else await SaveNewAsync(db, cancellationToken);
    }

    /// <summary>Ends every login session: cookies issued before carry the old stamp.</summary>
    public async Task RotateAsync(string why, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await SaveNewAsync(db, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
        logger.LogInformation("Every login session was ended: {Why}", why);
    }

    public bool IsCurrent(ClaimsPrincipal? principal) => Matches(principal?.FindFirst(ClaimType)?.Value);

    public bool Matches(string? stamp) =>
        stamp is not null && current is { } now
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stamp), Encoding.ASCII.GetBytes(now));

    private async Task SaveNewAsync(SyncConsoleDbContext db, CancellationToken cancellationToken)
    {
        var stamp = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var row = await db.Settings.FindAsync([AppSettingKeys.SessionStamp], cancellationToken);
        if (row is null) db.Settings.Add(row = new AppSetting { Key = AppSettingKeys.SessionStamp, Value = "" });
        row.Value = stamp;
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        current = stamp;
    }
}
