using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SyncConsole.Data;
using SyncConsole.Data.Entities;
using SyncConsole.Web.Hosting;

namespace SyncConsole.Web.Security;

/// <summary>The admin login: first-start creation, password checks with lockout, password change.</summary>
public sealed class AdminAccountService(
    IDbContextFactory<SyncConsoleDbContext> dbFactory, SyncConsolePaths paths, IConfiguration configuration, TimeProvider clock,
    SessionStampStore stamps, ILogger<AdminAccountService> logger)
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

    public async Task<LoginResult> CheckPasswordAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password)) return new LoginResult(LoginOutcome.InvalidCredentials);
        // Serialized so parallel guesses cannot all read the same failure count and slip past the lock.
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var user = await db.AdminUsers.SingleOrDefaultAsync(u => u.UserName == userName, cancellationToken);
            if (user is null) return new LoginResult(LoginOutcome.InvalidCredentials);

            var now = clock.GetUtcNow();
            if (user.LockedUntil is { } until && until > now) return new LoginResult(LoginOutcome.LockedOut, until - now);

            var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
            if (verdict == PasswordVerificationResult.Failed)
            {
                user.FailedLoginCount++;
                var lockFor = LoginThrottle.LockFor(user.FailedLoginCount);
                user.LockedUntil = lockFor > TimeSpan.Zero ? now + lockFor : null;
                await db.SaveChangesAsync(cancellationToken);
                if (lockFor > TimeSpan.Zero)
                {
                    logger.LogWarning("Login for {User} locked for {Seconds} s after {Count} failed attempts", user.UserName, lockFor.TotalSeconds, user.FailedLoginCount);
                    return new LoginResult(LoginOutcome.LockedOut, lockFor);
                }
                return new LoginResult(LoginOutcome.InvalidCredentials);
            }

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

    /// <summary>Returns validation errors keyed by field, or an empty dictionary when the password was changed.</summary>
    public async Task<Dictionary<string, string[]>> ChangePasswordAsync(string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(newPassword) || newPassword.Length < MinimumPasswordLength)
            errors["newPassword"] = [$"The new password must have at least {MinimumPasswordLength} characters."];
        var check = await CheckPasswordAsync(AuthSchemes.AdminUserName, currentPassword, cancellationToken);
        if (check.Outcome == LoginOutcome.LockedOut)
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
