using SyncConsole.Engine.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class SyncJobConfiguration : IEntityTypeConfiguration<SyncJob>
{
    public void Configure(EntityTypeBuilder<SyncJob> job)
    {
        job.ToTable("SyncJobs");
        // NOCASE: "Photos" and "photos" would be two jobs nobody can tell apart in the UI.
        job.Property(j => j.Name).IsRequired().HasMaxLength(200).UseCollation("NOCASE");
        job.HasIndex(j => j.Name).IsUnique();
        job.Property(j => j.WatchPath).IsRequired().HasMaxLength(4096);
        job.Property(j => j.RsyncParams).IsRequired().HasMaxLength(1000).HasDefaultValue("-artuz");
        job.Property(j => j.FullSyncCron).HasMaxLength(200);
        job.Property(j => j.CoalescingDelayMs).HasDefaultValue(20);
        job.Property(j => j.ReconcileAfterTrouble).HasDefaultValue(true);
        // Existing jobs get the guard on. The sentinel is the default itself, so an explicit "off" (or 0) is stored as given.
        job.Property(j => j.DeletionGuardEnabled).HasDefaultValue(true).HasSentinel(true);
        job.Property(j => j.DeletionGuardMaxSharePercent).HasDefaultValue(DeletionGuardSettings.DefaultMaxSharePercent).HasSentinel(DeletionGuardSettings.DefaultMaxSharePercent);
        job.Property(j => j.DeletionGuardMinCount).HasDefaultValue(DeletionGuardSettings.DefaultMinCount).HasSentinel(DeletionGuardSettings.DefaultMinCount);
        job.Property(j => j.LastHealthyDevice).HasMaxLength(4200);
        job.HasMany(j => j.FilterRules).WithOne(f => f.Job).HasForeignKey(f => f.JobId).OnDelete(DeleteBehavior.Cascade);
        job.HasMany(j => j.Plugins).WithOne(p => p.Job).HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Cascade);
        job.HasMany(j => j.JobRemotes).WithOne(jr => jr.Job).HasForeignKey(jr => jr.JobId).OnDelete(DeleteBehavior.Cascade);
    }
}
