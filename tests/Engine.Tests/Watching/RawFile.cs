using System.Runtime.InteropServices;

namespace SyncConsole.Engine.Tests.Watching;

/// <summary>open(2) with a raw byte path: the only way to create a file whose name is not valid UTF-8.</summary>
internal static unsafe partial class RawFile
{
    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    public static partial int Open(byte* path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "unlink", SetLastError = true)]
    public static partial int Unlink(byte* path);
}
