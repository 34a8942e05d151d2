using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class SyncRunConfiguration : IEntityTypeConfiguration<SyncRun>
{
    public void Configure(EntityTypeBuilder<SyncRun> run)
    {
        run.ToTable("SyncRuns");
        run.Property(r => r.CommandLine).IsRequired();
        run.Property(r => r.ExitMeaning).HasMaxLength(500);
        run.HasOne(r => r.Job).WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        // History outlives the remote: deleting it keeps its runs, named by RemoteName.
        run.Property(r => r.RemoteName).HasMaxLength(200);
        run.HasOne(r => r.Remote).WithMany().HasForeignKey(r => r.RemoteId).OnDelete(DeleteBehavior.SetNull);
        run.HasIndex(r => new { r.JobId, r.StartedAt });
        run.HasIndex(r => r.StartedAt);
    }
}
