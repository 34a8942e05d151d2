using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class JobRemoteConfiguration : IEntityTypeConfiguration<JobRemote>
{
    public void Configure(EntityTypeBuilder<JobRemote> link)
    {
        link.ToTable("JobRemotes");
        link.HasKey(jr => new { jr.JobId, jr.RemoteId });
        link.HasIndex(jr => jr.RemoteId);
        link.Property(jr => jr.Destination).HasMaxLength(1024);
    }
}
