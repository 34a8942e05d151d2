using Xunit.Abstractions;

namespace SyncConsole.Engine.Tests.Faults;

/// <summary>The seed of a randomised fault test: SYNCCONSOLE_FAULT_SEED if set, else a fresh one; always printed so a failure can be replayed.</summary>
public static class FaultSeed
{
    public const string EnvironmentVariable = "SYNCCONSOLE_FAULT_SEED";

    public static int Resolve(ITestOutputHelper output)
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var seed = int.TryParse(configured, out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"{EnvironmentVariable}={seed}{(configured is null ? "" : " (from the environment)")}");
        return seed;
    }
}
