namespace SyncConsole.Web.Contracts;

/// <summary>The fields the static login page posts.</summary>
public sealed class LoginForm
{
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}
