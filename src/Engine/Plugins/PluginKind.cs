namespace SyncConsole.Engine.Plugins;

/// <summary>sersync's plugins (command, socket, refreshCDN) plus the http webhook sersync 2.2 compiled out.</summary>
public enum PluginKind
{
    Command = 0,
    Socket = 1,
    RefreshCdn = 2,
    Http = 3,
}
