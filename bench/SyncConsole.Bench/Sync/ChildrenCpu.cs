using System.Runtime.InteropServices;

namespace SyncConsole.Bench.Sync;

/// <summary>
/// CPU of this process's reaped children (getrusage RUSAGE_CHILDREN): the floor's rsync runs are children of the
/// bench itself, so the difference around them is what they cost, counted as the contenders' children are.
/// </summary>
internal static partial class ChildrenCpu
{
    private const int RusageChildren = -1;

    public static TimeSpan Read()
    {
        if (GetRusage(RusageChildren, out var usage) != 0) return TimeSpan.Zero;
        return TimeSpan.FromTicks((usage.UserSec + usage.SystemSec) * TimeSpan.TicksPerSecond + (usage.UserUsec + usage.SystemUsec) * 10);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSec, UserUsec, SystemSec, SystemUsec;
        // ru_maxrss ... ru_nivcsw: 14 longs the bench does not read.
        public long F0, F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);
}
