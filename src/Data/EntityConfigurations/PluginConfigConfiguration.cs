using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class PluginConfigConfiguration : IEntityTypeConfiguration<PluginConfig>
{
    public void Configure(EntityTypeBuilder<PluginConfig> plugin)
    {
        plugin.ToTable("PluginConfigs");
        plugin.Property(p => p.SettingsJson).IsRequired();
        plugin.HasIndex(p => p.JobId);
    }
}
