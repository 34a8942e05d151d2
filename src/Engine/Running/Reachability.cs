namespace SyncConsole.Engine.Running;

/// <summary>
/// Whether a remote answers. Unknown until something that could have seen the opposite happened (a run or a probe):
/// a remote is never called reachable on faith. JSON: unknown, reachable, unreachable.
/// </summary>
public enum Reachability
{
    Unknown,
    Reachable,
    Unreachable,
}
