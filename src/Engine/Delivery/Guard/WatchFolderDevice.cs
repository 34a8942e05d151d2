using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace SyncConsole.Engine.Delivery.Guard;

/// <summary>
/// Which file system a folder is on, as a string that stays the same across reboots while the same disk is mounted
/// at the same place: "8:17 ext4 / on /srv/www" (device, type, the mount's root inside the file system, mount point).
/// .NET has no st_dev, so <c>statx</c> gives the folder's mount id and device, and <c>/proc/self/mountinfo</c> names
/// that mount. The mount id alone would change at every mount; the device alone would miss a bind mount of another
/// folder of the same disk.
/// </summary>
[SupportedOSPlatform("linux")]
public static unsafe partial class WatchFolderDevice
{
    private const int AtFdCwd = -100;
    private const uint StatxMntId = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>The folder's file system, or null when it cannot be told (missing folder, no statx).</summary>
    public static string? Identify(string path)
    {
        var buffer = stackalloc byte[256];
        if (Statx(AtFdCwd, path, 0, StatxBasicStats | StatxMntId, buffer) != 0) return null;
        var mask = *(uint*)buffer;
        var major = *(uint*)(buffer + 136);
        var minor = *(uint*)(buffer + 140);
        var device = $"{major}:{minor}";
        if ((mask & StatxMntId) == 0) return device;
        var mountId = *(ulong*)(buffer + 144);
        return Describe(mountId, device) ?? device;
    }

    /// <summary>The mountinfo line of <paramref name="mountId"/>, as "major:minor type root on mountpoint".</summary>
    private static string? Describe(ulong mountId, string device)
    {
        string[] lines;
        try { lines = File.ReadAllLines("/proc/self/mountinfo"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var id = mountId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var line in lines)
        {
            // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
            var fields = line.Split(' ');
            if (fields.Length < 6 || fields[0] != id) continue;
            var separator = Array.IndexOf(fields, "-", 6);
            var type = separator > 0 && separator + 1 < fields.Length ? fields[separator + 1] : "?";
            return $"{fields[2]} {type} {fields[3]} on {fields[4]}";
        }
        return device;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}
