namespace SyncConsole.Engine.Jobs;

/// <summary>The inotify events a job reacts to, named as sersync's confxml.xml names them.</summary>
[Flags]
public enum SyncEventMask
{
    None = 0,
    CreateFolder = 1 << 0,
    CreateFile = 1 << 1,
    CloseWrite = 1 << 2,
    MoveFrom = 1 << 3,
    MoveTo = 1 << 4,
    Attrib = 1 << 5,
    Modify = 1 << 6,
    Delete = 1 << 7,

    /// <summary>sersync 2.5's shipped confxml.xml: delete, createFolder, closeWrite, moveFrom, moveTo.</summary>
    SersyncDefault = Delete | CreateFolder | CloseWrite | MoveFrom | MoveTo,
    All = CreateFolder | CreateFile | CloseWrite | MoveFrom | MoveTo | Attrib | Modify | Delete,
}
