using SyncConsole.Engine.Jobs;

namespace SyncConsole.Web.Jobs;

/// <summary>Event masks as sersync's confxml.xml names them ("createFolder", "closeWrite", ...).</summary>
public static class SyncEventNames
{
    private static readonly (string Name, SyncEventMask Flag)[] Names =
    [
        ("createFolder", SyncEventMask.CreateFolder),
        ("createFile", SyncEventMask.CreateFile),
        ("closeWrite", SyncEventMask.CloseWrite),
        ("moveFrom", SyncEventMask.MoveFrom),
        ("moveTo", SyncEventMask.MoveTo),
        ("attrib", SyncEventMask.Attrib),
        ("modify", SyncEventMask.Modify),
        ("delete", SyncEventMask.Delete),
    ];

    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    public static IReadOnlyList<string> ToNames(SyncEventMask mask) =>
        Names.Where(n => mask.HasFlag(n.Flag)).Select(n => n.Name).ToArray();

    /// <summary>Parses names case-insensitively; unknown names are returned so the caller can report them.</summary>
    public static (SyncEventMask Mask, IReadOnlyList<string> Unknown) Parse(IEnumerable<string> names)
    {
        var mask = SyncEventMask.None;
        var unknown = new List<string>();
        foreach (var name in names)
        {
            var match = Names.FirstOrDefault(n => string.Equals(n.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.Name is null) unknown.Add(name ?? "(null)");
            else mask |= match.Flag;
        }
        return (mask, unknown);
    }
}
