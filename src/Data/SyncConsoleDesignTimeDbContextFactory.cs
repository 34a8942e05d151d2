using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SyncConsole.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
public sealed class SyncConsoleDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SyncConsoleDbContext>
{
    public SyncConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SyncConsoleDbContext>()
            .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), "syncconsole-design.db")}")
            .Options);
}
