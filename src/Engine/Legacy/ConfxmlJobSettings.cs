using SyncConsole.Engine.Plugins;

namespace SyncConsole.Engine.Legacy;

/// <summary>The parts of a sersync job that do not fit <see cref="Jobs.JobDefinition"/>; needed for import and export.</summary>
public sealed record ConfxmlJobSettings
{
    /// <summary>Periodic full sync (sersync's crontab schedule) in minutes; null when off.</summary>
    public int? FullSyncIntervalMinutes { get; init; }

    /// <summary>How often failed deliveries are retried (sersync's failLog timeToExecute), minutes.</summary>
    public int RetryIntervalMinutes { get; init; } = 60;

    /// <summary>sersync's auth passwordfile. The password itself goes into the remotes, never here.</summary>
    public string? PasswordFilePath { get; init; }

    /// <summary>Auth is on but the password file could not be read here: the admin must enter the password.</summary>
    public bool NeedsPassword { get; init; }

    /// <summary>The plugin sersync ran after each delivery (sersync/plugin start="true" name=...), if any.</summary>
    public PluginKind? EnabledPlugin { get; init; }

    public CommandPluginSettings? Command { get; init; }
    public SocketPluginSettings? Socket { get; init; }
    public RefreshCdnPluginSettings? RefreshCdn { get; init; }

    /// <summary>sersync's debug: log every event and rsync command with rsync's own output.</summary>
    public bool Debug { get; init; }
}
