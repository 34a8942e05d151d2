using System.Diagnostics;
using System.Globalization;

namespace SyncConsole.Engine.Processes;

/// <summary>
/// Records each running child by PID and kernel start time (field 22 of <c>/proc/PID/stat</c>) in a folder, so that
/// after a crash the next start can end exactly the children of the earlier run: a PID alone may have been reused by
/// an unrelated process since, and a name would match other users' rsync too.
/// </summary>
public sealed class ChildProcessLedger(string directory)
{
    public string Directory { get; } = directory;

    /// <summary>Writes the record; disposing the result removes it (the child ended normally).</summary>
    public IDisposable Record(Process process)
    {
        var start = ReadStartTime(process.Id);
        if (start is null) return NoRecord.Instance; // already gone
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, process.Id.ToString(CultureInfo.InvariantCulture));
        File.WriteAllText(path, start.Value.ToString(CultureInfo.InvariantCulture));
        return new Entry(path);
    }

    /// <summary>Kills every recorded child whose PID still has the recorded start time; removes all records. Returns the PIDs ended.</summary>
    public IReadOnlyList<int> EndOrphans()
    {
        var ended = new List<int>();
        if (!System.IO.Directory.Exists(Directory)) return ended;
        foreach (var file in System.IO.Directory.GetFiles(Directory))
        {
            if (int.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(SafeRead(file), NumberStyles.None, CultureInfo.InvariantCulture, out var recorded)
                && pid != Environment.ProcessId
                && ReadStartTime(pid) == recorded)
            {
                try
                {
                    using var orphan = Process.GetProcessById(pid);
                    orphan.Kill(entireProcessTree: true);
                    ended.Add(pid);
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
            }
            File.Delete(file);
        }
        return ended;
    }

    /// <summary>The process's start time in clock ticks since boot, or null when there is no such process.</summary>
    public static long? ReadStartTime(int pid)
    {
        var stat = SafeRead($"/proc/{pid}/stat");
        if (stat is null) return null;
        // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return fields.Length > 19 && long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    private static string? SafeRead(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private sealed class Entry(string path) : IDisposable
    {
        public void Dispose()
        {
            try { File.Delete(path); } catch (IOException) { }
        }
    }

    private sealed class NoRecord : IDisposable
    {
        public static readonly NoRecord Instance = new();
        public void Dispose() { }
    }
}
