using System.Diagnostics;
using SyncConsole.Engine.Processes;
using SyncConsole.TestSupport;

namespace SyncConsole.Engine.Tests.Processes;

public sealed class ChildProcessLedgerTests
{
    private static Process StartSleeper()
    {
        var start = new ProcessStartInfo("sleep") { UseShellExecute = false };
        start.ArgumentList.Add("300");
        return Process.Start(start)!;
    }

    [Fact]
    public void EndOrphans_RecordedChildStillRunning_IsKilledAndRecordRemoved()
    {
        using var dir = new TempDirectory("syncconsole-ledger");
        using var orphan = StartSleeper();
        try
        {
            new ChildProcessLedger(dir.Path).Record(orphan); // not disposed: the "crashed" run never removed it

            var ended = new ChildProcessLedger(dir.Path).EndOrphans();

            Assert.Equal([orphan.Id], ended);
            Assert.True(orphan.WaitForExit(10_000), "the orphan is still running");
            Assert.Empty(Directory.GetFiles(dir.Path));
        }
        finally
        {
            if (!orphan.HasExited) orphan.Kill();
        }
    }

    [Fact]
    public void EndOrphans_PidReusedByAnotherProcess_LeavesItRunning()
    {
        using var dir = new TempDirectory("syncconsole-ledger");
        using var other = StartSleeper();
        try
        {
            // Same PID, different start time: the PID now belongs to an unrelated process.
            var start = ChildProcessLedger.ReadStartTime(other.Id)!.Value;
            File.WriteAllText(Path.Combine(dir.Path, other.Id.ToString()), (start + 1).ToString());

            var ended = new ChildProcessLedger(dir.Path).EndOrphans();

            Assert.Empty(ended);
            Assert.False(other.HasExited);
            Assert.Empty(Directory.GetFiles(dir.Path));
        }
        finally
        {
            other.Kill();
        }
    }

    [Fact]
    public void Record_Disposed_RemovesTheRecord()
    {
        using var dir = new TempDirectory("syncconsole-ledger");
        using var child = StartSleeper();
        try
        {
            using (new ChildProcessLedger(dir.Path).Record(child))
                Assert.Single(Directory.GetFiles(dir.Path));
            Assert.Empty(Directory.GetFiles(dir.Path));
        }
        finally
        {
            child.Kill();
        }
    }
}
