using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SyncConsole.Data.Postgres;

/// <summary>
/// Lets <c>dotnet ef migrations add NAME --project src/Data.Postgres --startup-project src/Data.Postgres</c> build the
/// PostgreSQL model without a server (adding a migration never connects).
/// </summary>
/// <remarks>
/// A model change needs a migration for each provider: the SQLite one in src/Data, this one here (a test checks both).
/// Until the first release, PostgreSQL has one initial migration, regenerated from the model after a merge:
///   rm -f src/Data.Postgres/Migrations/*.cs
///   dotnet ef migrations add InitialSchema --project src/Data.Postgres --startup-project src/Data.Postgres
/// </remarks>
public sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SyncConsoleDbContext>
{
    public SyncConsoleDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SyncConsoleDbContext>();
        SyncConsoleDatabase.Configure(options, DatabaseTarget.Postgres("Host=localhost;Database=syncconsole_design;Username=syncconsole"));
        return new SyncConsoleDbContext(options.Options);
    }
}
