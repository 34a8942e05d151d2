using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class RemoteConfiguration : IEntityTypeConfiguration<Remote>
{
    public void Configure(EntityTypeBuilder<Remote> remote)
    {
        remote.ToTable("Remotes");
        remote.Property(r => r.Name).IsRequired().HasMaxLength(200).UseCollation("NOCASE");
        remote.HasIndex(r => r.Name).IsUnique();
        remote.Property(r => r.Host).IsRequired().HasMaxLength(255);
        remote.Property(r => r.ModuleOrPath).IsRequired().HasMaxLength(4096);
        remote.Property(r => r.User).HasMaxLength(200);
        remote.Property(r => r.SshKeyPath).HasMaxLength(4096);
        remote.Property(r => r.KnownHostsPath).HasMaxLength(4096);
        remote.Property(r => r.ExtraArgs).IsRequired().HasMaxLength(1000).HasDefaultValue("");
        remote.HasMany(r => r.JobRemotes).WithOne(jr => jr.Remote).HasForeignKey(jr => jr.RemoteId).OnDelete(DeleteBehavior.Cascade);
    }
}
