namespace SyncConsole.Engine.Delivery;

public enum RunKind
{
    Realtime = 0,
    Full = 1,
    Retry = 2,
    Verify = 3,
}
