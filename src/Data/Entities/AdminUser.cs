namespace SyncConsole.Data.Entities;

/// <summary>The one login of the appliance, with its failed-login tracking.</summary>
public sealed class AdminUser
{
    public int Id { get; set; }
    public required string UserName { get; set; }
    /// <summary>ASP.NET Core PasswordHasher (PBKDF2) output.</summary>
    public required string PasswordHash { get; set; }
    public int FailedLoginCount { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    public DateTimeOffset PasswordChangedAt { get; set; }
}
