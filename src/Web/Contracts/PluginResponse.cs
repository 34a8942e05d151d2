using System.Text.Json.Nodes;
using SyncConsole.Engine.Plugins;

namespace SyncConsole.Web.Contracts;

/// <summary>A stored plugin. Secrets are write-only: a refreshCdn password shows as <c>hasPassword</c>.</summary>
public sealed record PluginResponse
{
    public required int Id { get; init; }
    public required PluginKind Kind { get; init; }
    public required bool Enabled { get; init; }
    public required JsonObject Settings { get; init; }
}
