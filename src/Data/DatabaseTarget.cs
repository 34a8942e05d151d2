using Npgsql;

namespace SyncConsole.Data;

/// <summary>The database engines SyncConsole runs on (<c>SyncConsole:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data directory: the embedded default.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server, for users who already run one (and, later, for fleets).</summary>
    Postgres,
}

/// <summary>
/// Which database to open: a SQLite file or a PostgreSQL connection string. Its text form (<see cref="Description"/>,
/// <see cref="ToString"/>) never holds the password, so it can go into logs and error messages.
/// </summary>
public sealed class DatabaseTarget
{
    private DatabaseTarget(DatabaseProvider provider, string connectionString, string description)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Description = description;
    }

    public DatabaseProvider Provider { get; }
    /// <summary>The full connection string, password included: for the provider only, never for output.</summary>
    public string ConnectionString { get; }
    /// <summary>The SQLite file, or "PostgreSQL host:port/database as user": what messages name.</summary>
    public string Description { get; }
    /// <summary>The SQLite file's path; null for PostgreSQL.</summary>
    public string? FilePath { get; private init; }

    public static DatabaseTarget SqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, SyncConsoleDatabase.ConnectionString(path), path) { FilePath = path };

    /// <summary>A PostgreSQL connection string; throws <see cref="ArgumentException"/> (without the string's text) when it cannot be parsed.</summary>
    public static DatabaseTarget Postgres(string connectionString)
    {
        var builder = ParsePostgres(connectionString);
        var host = string.IsNullOrEmpty(builder.Host) ? "localhost" : builder.Host;
        var description = $"PostgreSQL {host}:{builder.Port}/{builder.Database ?? builder.Username ?? "(default)"}"
            + (string.IsNullOrEmpty(builder.Username) ? "" : $" as {builder.Username}");
        return new DatabaseTarget(DatabaseProvider.Postgres, connectionString, description);
    }

    /// <summary>Parses a PostgreSQL connection string; the error names what is wrong, not the string (it may hold a password).</summary>
    public static NpgsqlConnectionStringBuilder ParsePostgres(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or KeyNotFoundException)
        {
            // Npgsql's messages name the keyword ("Keyword not supported: 'hots'"), not the values.
            throw new ArgumentException($"not a valid PostgreSQL connection string ({e.Message})");
        }
    }

    public override string ToString() => Description;
}
