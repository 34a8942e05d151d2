namespace SyncConsole.Web.Contracts;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
