namespace SyncConsole.Web.Security;

/// <summary>The answer to one login attempt; <see cref="RetryAfter"/> is set when throttled.</summary>
public sealed record LoginResult(LoginOutcome Outcome, TimeSpan RetryAfter = default)
{
    public bool Succeeded => Outcome == LoginOutcome.Succeeded;
}
