namespace SyncConsole.Data.Entities;

/// <summary>A key/value setting; secret values are stored protected by the caller.</summary>
public sealed class AppSetting
{
    public required string Key { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
