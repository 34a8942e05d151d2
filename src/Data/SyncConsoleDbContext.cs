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

    /// <summary>PostgreSQL's stand-in for SQLite's NOCASE: an ICU collation that compares names without case (unique indexes too).</summary>
    public const string PostgresCaseInsensitiveCollation = "case_insensitive";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SyncConsoleDbContext).Assembly);
        if (!Database.IsNpgsql()) return;
        // The configurations say NOCASE (SQLite's built-in); PostgreSQL has no such collation, so names use a
        // nondeterministic ICU one: "Photos" and "photos" stay one name for equality and unique indexes alike.
        modelBuilder.HasCollation(PostgresCaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()))
            if (property.GetCollation() == "NOCASE") property.SetCollation(PostgresCaseInsensitiveCollation);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsNpgsql())
        {
            // timestamptz stores an instant; Npgsql accepts only UTC offsets, so every value is written as UTC.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcDateTimeOffsetConverter>();
            return;
        }
        // SQLite cannot compare or order DateTimeOffset stored as text; a binary (UTC-ticks based) long can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    private sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
