namespace SyncConsole.Engine.Legacy;

public enum ImportSeverity
{
    /// <summary>What the import creates or maps.</summary>
    Info = 0,
    /// <summary>Imported, but the admin should look: a legacy quirk changed the meaning or a default was filled.</summary>
    Warning = 1,
    /// <summary>Present in the file, meaningless for SyncConsole, deliberately not imported.</summary>
    Ignored = 2,
    /// <summary>Nothing may be imported while any error exists.</summary>
    Error = 3,
}
