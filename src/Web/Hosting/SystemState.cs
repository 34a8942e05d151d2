using System.Reflection;

namespace SyncConsole.Web.Hosting;

/// <summary>Facts about this process found at start-up (rsync availability), shown by <c>GET /api/system</c> and the UI.</summary>
public sealed class SystemState(TimeProvider clock)
{
    public static string Version { get; } =
        typeof(SystemState).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    public RsyncStatus Rsync { get; set; } = new(false, null, null, "Not probed yet.");
}
