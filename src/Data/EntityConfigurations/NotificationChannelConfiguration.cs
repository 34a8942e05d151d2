using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> channel)
    {
        channel.ToTable("NotificationChannels");
        channel.Property(c => c.Name).HasMaxLength(200).IsRequired();
        channel.HasIndex(c => c.Name).IsUnique();
        channel.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        channel.Property(c => c.SmtpSecurity).HasConversion<string>().HasMaxLength(20);
    }
}
