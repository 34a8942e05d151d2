using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data;

public sealed class SyncConsoleDbContext(DbContextOptions<SyncConsoleDbContext> options) : DbContext(options)
{
    public DbSet<SyncJob> Jobs => Set<SyncJob>();
    public DbSet<Remote> Remotes => Set<Remote>();
    public DbSet<JobRemote> JobRemotes => Set<JobRemote>();
    public DbSet<FilterRule> FilterRules => Set<FilterRule>();
    public DbSet<PluginConfig> PluginConfigs => Set<PluginConfig>();
    public DbSet<FailLogEntry> FailLog => Set<FailLogEntry>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<VerifyResult> VerifyResults => Set<VerifyResult>();
    public DbSet<AdminUser> AdminUsers => Set<AdminUser>();
    public DbSet<AppSetting> Settings => Set<AppSetting>();
    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();
    public DbSet<AlertIncident> AlertIncidents => Set<AlertIncident>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SyncConsoleDbContext).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; a binary (UTC-ticks based) long can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
