namespace SyncConsole.Engine.Rsync;

/// <summary>The answer to "Test connection", in plain words. <see cref="FileCount"/> counts top-level entries.</summary>
public sealed record ProbeResult(ProbeOutcome Outcome, string Message, int FileCount, int ExitCode, TimeSpan Duration)
{
    public bool Succeeded => Outcome == ProbeOutcome.Ok;
}
