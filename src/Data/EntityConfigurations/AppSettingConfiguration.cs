using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class AppSettingConfiguration : IEntityTypeConfiguration<AppSetting>
{
    public void Configure(EntityTypeBuilder<AppSetting> setting)
    {
        setting.ToTable("AppSettings");
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(200);
        setting.Property(s => s.Value).IsRequired();
    }
}
