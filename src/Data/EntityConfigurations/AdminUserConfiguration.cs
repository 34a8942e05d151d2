using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class AdminUserConfiguration : IEntityTypeConfiguration<AdminUser>
{
    public void Configure(EntityTypeBuilder<AdminUser> user)
    {
        user.ToTable("AdminUsers");
        user.Property(u => u.UserName).IsRequired().HasMaxLength(100).UseCollation("NOCASE");
        user.HasIndex(u => u.UserName).IsUnique();
        user.Property(u => u.PasswordHash).IsRequired();
    }
}
