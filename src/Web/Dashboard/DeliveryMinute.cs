namespace SyncConsole.Web.Dashboard;

/// <summary>Files and bytes delivered (successful runs) in one minute.</summary>
public sealed record DeliveryMinute(DateTimeOffset Minute, long Files, long Bytes);
