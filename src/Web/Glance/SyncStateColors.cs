using MudBlazor;

namespace SyncConsole.Web.Glance;

/// <summary>Syncthing's colours: green up to date, blue syncing, amber out of sync, red unreachable or error, grey
/// paused and unknown (never green before a check).</summary>
public static class SyncStateColors
{
    public static Color Of(SyncState state) => state switch
    {
        SyncState.UpToDate => Color.Success,
        SyncState.Syncing => Color.Info,
        SyncState.OutOfSync or SyncState.Warning => Color.Warning,
        SyncState.Unreachable or SyncState.Error => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The state's name as the API spells it (camelCase), for data attributes tests and scripts read.</summary>
    public static string Key(SyncState state) => state.ToString()[..1].ToLowerInvariant() + state.ToString()[1..];
}
