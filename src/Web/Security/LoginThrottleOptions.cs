namespace SyncConsole.Web.Security;

/// <summary><c>SyncConsole:Login</c>: how many failed logins are tolerated, per client address and in total.</summary>
public sealed class LoginThrottleOptions
{
    public const string Section = "SyncConsole:Login";

    /// <summary>Failed logins one client address (an IPv6 /64) may make at once before it has to wait.</summary>
    public int FailuresPerAddress { get; set; } = 10;
    /// <summary>One more failed login per address is allowed every this many seconds.</summary>
    public int AddressRefillSeconds { get; set; } = 30;
    /// <summary>The ceiling over all addresses together, against guessing from many addresses.</summary>
    public int GlobalFailures { get; set; } = 60;
    /// <summary>One more failed login over all addresses is allowed every this many seconds.</summary>
    public int GlobalRefillSeconds { get; set; } = 2;
}
