using System.Buffers.Binary;
using SyncConsole.Engine.Watching;

namespace SyncConsole.Engine.Tests.Watching;

/// <summary>The bytes of one nameless <c>struct inotify_event</c>, for injecting what the kernel would send.</summary>
internal static class RawInotifyEvent
{
    public static byte[] Build(int wd, uint mask, uint cookie = 0)
    {
        var bytes = new byte[InotifyNative.EventHeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, wd);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), mask);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), cookie);
        return bytes;
    }
}
