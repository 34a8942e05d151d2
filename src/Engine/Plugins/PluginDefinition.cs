namespace SyncConsole.Engine.Plugins;

/// <summary>
/// One enabled plugin of a job. <see cref="Settings"/> is the record matching <see cref="Kind"/>
/// (<see cref="CommandPluginSettings"/>, <see cref="SocketPluginSettings"/>, <see cref="RefreshCdnPluginSettings"/>,
/// <see cref="HttpPluginSettings"/>).
/// </summary>
public sealed record PluginDefinition(PluginKind Kind, object Settings);
