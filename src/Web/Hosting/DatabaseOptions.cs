using SyncConsole.Data;

namespace SyncConsole.Web.Hosting;

/// <summary>The <c>SyncConsole:Database</c> section: SQLite in the data directory (default) or a PostgreSQL server.</summary>
public sealed class DatabaseOptions
{
    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>For <c>postgres</c>: an Npgsql connection string (Host, Port, Database, Username, Password, SSL Mode...).</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider?.Trim(), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The database these (validated) settings choose; the SQLite file lives in the data directory.</summary>
    public DatabaseTarget Target(SyncConsolePaths paths) =>
        IsPostgres ? DatabaseTarget.Postgres(ConnectionString!) : DatabaseTarget.SqliteFile(paths.DatabaseFile);

    /// <summary>What is wrong with these settings, each naming its setting (the connection string's text is never repeated).</summary>
    public IEnumerable<string> Problems()
    {
        if (!IsPostgres && !string.Equals(Provider?.Trim(), "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"SyncConsole:Database:Provider must be \"sqlite\" or \"postgres\", not \"{Provider}\"";
            yield break;
        }
        if (!IsPostgres) yield break;
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return "SyncConsole:Database:ConnectionString is required when SyncConsole:Database:Provider is \"postgres\"";
            yield break;
        }
        string? problem = null;
        try
        {
            var builder = DatabaseTarget.ParsePostgres(ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host)) problem = "SyncConsole:Database:ConnectionString must name a Host";
        }
        catch (ArgumentException e)
        {
            problem = $"SyncConsole:Database:ConnectionString is {e.Message}";
        }
        if (problem is not null) yield return problem;
    }
}
