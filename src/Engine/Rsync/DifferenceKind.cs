namespace SyncConsole.Engine.Rsync;

/// <summary>How a path differs between the watched folder and a remote, from rsync's itemized changes.</summary>
public enum DifferenceKind
{
    /// <summary>Present locally, absent on the remote.</summary>
    MissingOnRemote,
    /// <summary>Present only on the remote (a full sync with delete would remove it).</summary>
    ExtraOnRemote,
    /// <summary>Sizes differ.</summary>
    SizeDiffers,
    /// <summary>Same size, content checksum differs (only reported with <c>--checksum</c>).</summary>
    ContentDiffers,
    /// <summary>Same size, modification time differs: content may have changed.</summary>
    TimeDiffers,
    /// <summary>A file on one side, a folder or link on the other.</summary>
    TypeDiffers,
    /// <summary>Only permissions, owner, group, ACLs or xattrs differ.</summary>
    AttributesDiffer,
}
