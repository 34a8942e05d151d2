using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace SyncConsole.Web.Hubs;

/// <summary>
/// Live engine events for browsers and tools at <c>/hubs/events</c>. Server-to-client, method <c>"events"</c> with an
/// <see cref="Feed.EngineEventBatch"/> every 250 ms while anything happens (see <see cref="EngineEventRelay"/>).
/// A new connection gets every job's events; after <see cref="JoinJob"/> it gets only the jobs it joined, until it
/// leaves the last one.
/// </summary>
[Authorize]
public sealed class EventsHub : Hub
{
    public const string Path = "/hubs/events";
    public const string BatchMethod = "events";
    public const string AllJobsGroup = "all-jobs";

    private const string JoinedKey = "joined-jobs";

    public static string JobGroup(int jobId) => $"job-{jobId}";

    public override async Task OnConnectedAsync()
    {
        Context.Items[JoinedKey] = new HashSet<int>();
        await Groups.AddToGroupAsync(Context.ConnectionId, AllJobsGroup);
        await base.OnConnectedAsync();
    }

    public async Task JoinJob(int jobId)
    {
        var joined = Joined();
        lock (joined)
        {
            if (!joined.Add(jobId)) return;
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, JobGroup(jobId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AllJobsGroup);
    }

    public async Task LeaveJob(int jobId)
    {
        var joined = Joined();
        bool none;
        lock (joined)
        {
            if (!joined.Remove(jobId)) return;
            none = joined.Count == 0;
        }
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, JobGroup(jobId));
        if (none) await Groups.AddToGroupAsync(Context.ConnectionId, AllJobsGroup);
    }

    private HashSet<int> Joined() => (HashSet<int>)Context.Items[JoinedKey]!;
}
