using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Security;

/// <summary>The admin login: first-start creation, password checks throttled per client address, password change.</summary>
public sealed class AdminAccountService(
    IDbContextFactory<SyncConsoleDbContext> dbFactory, SyncConsolePaths paths, IConfiguration configuration, TimeProvider clock,
    SessionStampStore stamps, LoginThrottle throttle, ILogger<AdminAccountService> logger)
{
    public const int MinimumPasswordLength = 8;
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private readonly PasswordHasher<AdminUser> hasher = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>
    /// Creates the admin on the first start, with <c>SYNCCONSOLE_ADMIN_PASSWORD</c> or a generated password written
    /// to <c>data/initial-admin-password</c> (0600). Returns the generated password so the banner can print it once.
    /// </summary>
    public async Task<(InitialPasswordSource Source, string? GeneratedPassword)> EnsureAdminAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.AdminUsers.AnyAsync(cancellationToken)) return (InitialPasswordSource.Existing, null);

        var fromEnvironment = configuration[EnvironmentVariables.AdminPassword];
        var password = string.IsNullOrEmpty(fromEnvironment) ? RandomNumberGenerator.GetString(PasswordAlphabet, 20) : fromEnvironment;
        var user = new AdminUser { UserName = AuthSchemes.AdminUserName, PasswordHash = "", PasswordChangedAt = clock.GetUtcNow() };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.AdminUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);

        if (!string.IsNullOrEmpty(fromEnvironment)) return (InitialPasswordSource.Environment, null);
        await File.WriteAllTextAsync(paths.InitialPasswordFile, password + "\n", cancellationToken);
        File.SetUnixFileMode(paths.InitialPasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (InitialPasswordSource.Generated, password);
    }

    /// <param name="client">The client's address: failures are throttled per address (see <see cref="LoginThrottle"/>).</param>
    public async Task<LoginResult> CheckPasswordAsync(string? userName, string? password, IPAddress? client, CancellationToken cancellationToken)
    {
        // Serialized so parallel guesses cannot all pass the throttle before any failure is counted.
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (throttle.IsThrottled(client, out var retryAfter))
                return new LoginResult(LoginOutcome.Throttled, retryAfter);
            if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)) return Failed(client, null);

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var user = await db.AdminUsers.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken);
            if (user is null) return Failed(client, null);

            var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            if (verdict == PasswordVerificationResult.Failed)
            {
                // Counted for the record only: a lock per account would let anyone keep the admin out.
                user.FailedLoginCount++;
                await db.SaveChangesAsync(cancellationToken);
                return Failed(client, user.UserName);
            }

            var now = clock.GetUtcNow();
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = hasher.HashPassword(user, password);
            user.FailedLoginCount = 0;
            user.LockedUntil = null;
            user.LastLoginAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return new LoginResult(LoginOutcome.Succeeded);
        }
        finally
        {
            gate.Release();
        }
    }

    private LoginResult Failed(IPAddress? client, string? userName)
    {
        throttle.RecordFailure(client);
        logger.LogInformation("Failed login for {User} from {Client}", userName ?? "(unknown user)", LoginThrottle.PartitionOf(client));
        return new LoginResult(LoginOutcome.InvalidCredentials);
    }

    /// <summary>Returns validation errors keyed by field, or an empty dictionary when the password was changed.</summary>
    public async Task<Dictionary<string, string[]>> ChangePasswordAsync(
        string? currentPassword, string? newPassword, CancellationToken cancellationToken, IPAddress? client = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(newPassword) || newPassword.Length < MinimumPasswordLength)
            errors["newPassword"] = [$"The new password must have at least {MinimumPasswordLength} characters."];
        var check = await CheckPasswordAsync(AuthSchemes.AdminUserName, currentPassword, client, cancellationToken);
        if (check.Outcome == LoginOutcome.Throttled)
            errors["currentPassword"] = [$"Too many failed attempts; try again in {Math.Ceiling(check.RetryAfter.TotalSeconds)} seconds."];
        else if (!check.Succeeded)
            errors["currentPassword"] = ["The current password is wrong."];
        if (errors.Count > 0) return errors;

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.AdminUsers.SingleAsync(u => u.UserName == AuthSchemes.AdminUserName, cancellationToken);
        user.PasswordHash = hasher.HashPassword(user, newPassword!);
        user.PasswordChangedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        // The generated first password is no longer valid; leaving it on disk would only mislead.
        File.Delete(paths.InitialPasswordFile);
        logger.LogInformation("The admin password was changed");
        // A session opened with the old password (perhaps by whoever made the change necessary) must not outlive it.
        await stamps.RotateAsync("the password was changed", cancellationToken);
        return errors;
    }
}
