namespace SyncConsole.Engine.Running;

public enum JobState
{
    Starting,
    Watching,
    Syncing,
    Paused,
    Error,
    Stopped,
}
