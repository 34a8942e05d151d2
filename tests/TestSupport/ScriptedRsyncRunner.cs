using SyncConsole.Engine.Rsync;

namespace SyncConsole.TestSupport;

/// <summary>
/// An <see cref="IRsyncRunner"/> whose next results are scripted ("exit 10 twice, then succeed") and which records
/// every invocation it was given. Once the script is used up it hands the run to <c>then</c> (e.g. the real
/// <see cref="RsyncRunner"/>, so the success really delivers) or, without one, answers exit 0.
/// </summary>
public sealed class ScriptedRsyncRunner(IRsyncRunner? then = null, TimeProvider? clock = null) : IRsyncRunner
{
    private readonly object gate = new();
    private readonly Queue<(int ExitCode, string Stderr)> script = new();
    private readonly List<RsyncInvocation> invocations = [];
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>The next <paramref name="times"/> runs end with this exit code and stderr, without starting rsync.</summary>
    public ScriptedRsyncRunner Fail(int exitCode, string stderr, int times = 1)
    {
        lock (gate) for (var i = 0; i < times; i++) script.Enqueue((exitCode, stderr));
        return this;
    }

    /// <summary>The next run succeeds at once, even when a real runner follows the script.</summary>
    public ScriptedRsyncRunner Succeed()
    {
        lock (gate) script.Enqueue((0, ""));
        return this;
    }

    /// <summary>Every invocation in the order given, scripted or passed on.</summary>
    public IReadOnlyList<RsyncInvocation> Invocations { get { lock (gate) return invocations.ToList(); } }

    /// <summary>Scripted results not used yet.</summary>
    public int Remaining { get { lock (gate) return script.Count; } }

    public RsyncPrivateFiles CreatePrivateFiles() => then?.CreatePrivateFiles() ?? new RsyncPrivateFiles(null);

    public Task<RsyncResult> RunAsync(RsyncInvocation invocation, CancellationToken cancellationToken, bool keepAllStdout = false,
        Action<RsyncProgress>? progress = null, RsyncPrivateFiles? privateFiles = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (int ExitCode, string Stderr)? next;
        lock (gate)
        {
            invocations.Add(invocation);
            next = script.TryDequeue(out var step) ? step : null;
        }
        if (next is null && then is not null) return then.RunAsync(invocation, cancellationToken, keepAllStdout, progress, privateFiles);
        var (exitCode, stderr) = next ?? (0, "");
        return Task.FromResult(new RsyncResult
        {
            ExitCode = exitCode, Stderr = stderr, Duration = TimeSpan.Zero, StartedAt = clock.GetUtcNow(),
            CommandLine = invocation.DisplayString,
        });
    }
}
