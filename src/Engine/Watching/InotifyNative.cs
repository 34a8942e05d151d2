using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace SyncConsole.Engine.Watching;

/// <summary>libc's inotify, poll and eventfd. Raw so that close_write, move cookies, IN_Q_OVERFLOW and errno survive.</summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class InotifyNative
{
    public const uint IN_MODIFY = 0x2;
    public const uint IN_ATTRIB = 0x4;
    public const uint IN_CLOSE_WRITE = 0x8;
    public const uint IN_MOVED_FROM = 0x40;
    public const uint IN_MOVED_TO = 0x80;
    public const uint IN_CREATE = 0x100;
    public const uint IN_DELETE = 0x200;
    public const uint IN_DELETE_SELF = 0x400;
    public const uint IN_MOVE_SELF = 0x800;
    public const uint IN_UNMOUNT = 0x2000;
    public const uint IN_Q_OVERFLOW = 0x4000;
    public const uint IN_IGNORED = 0x8000;
    public const uint IN_ONLYDIR = 0x01000000;
    public const uint IN_DONT_FOLLOW = 0x02000000;
    public const uint IN_EXCL_UNLINK = 0x04000000;
    public const uint IN_ISDIR = 0x40000000;

    public const int IN_NONBLOCK = 0x800;
    public const int IN_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;
    public const int EFD_CLOEXEC = 0x80000;
    public const short POLLIN = 0x1;

    public const int EINTR = 4;
    public const int ENOENT = 2;
    public const int EAGAIN = 11;
    public const int ENOTDIR = 20;
    public const int ENOSPC = 28;

    /// <summary>sizeof(struct inotify_event) without the name.</summary>
    public const int EventHeaderSize = 16;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    [LibraryImport("libc", EntryPoint = "inotify_init1", SetLastError = true)]
    public static partial int InotifyInit1(int flags);

    [LibraryImport("libc", EntryPoint = "inotify_add_watch", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int InotifyAddWatch(int fd, string path, uint mask);

    [LibraryImport("libc", EntryPoint = "inotify_rm_watch", SetLastError = true)]
    public static partial int InotifyRmWatch(int fd, int wd);

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    public static partial int EventFd(uint initval, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buf, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buf, nuint count);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint nfds, int timeout);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "strerror")]
    private static partial nint StrError(int errnum);

    public static string ErrorText(int errno) => Marshal.PtrToStringUTF8(StrError(errno)) ?? $"errno {errno}";
}
