namespace SyncConsole.Engine.Watching;

public enum FileChangeKind
{
    /// <summary>IN_CREATE, or an entry found by the scan of a freshly created directory.</summary>
    Created,
    /// <summary>IN_CLOSE_WRITE: a writer finished (sersync's closeWrite).</summary>
    Written,
    /// <summary>IN_MODIFY.</summary>
    Modified,
    /// <summary>IN_ATTRIB.</summary>
    Attrib,
    /// <summary>IN_DELETE.</summary>
    Deleted,
    /// <summary>The old name of a rename, or an entry moved out of the tree.</summary>
    MovedFrom,
    /// <summary>The new name of a rename, or an entry moved in from outside the tree.</summary>
    MovedTo,
    /// <summary>
    /// Something under this directory changed but cannot be named exactly (e.g. a file name that is not valid
    /// UTF-8): send the directory's whole subtree and let rsync read the real bytes from disk.
    /// </summary>
    Rescan,
}
