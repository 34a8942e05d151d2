using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class AlertIncidentConfiguration : IEntityTypeConfiguration<AlertIncident>
{
    public void Configure(EntityTypeBuilder<AlertIncident> incident)
    {
        incident.ToTable("AlertIncidents");
        incident.Property(i => i.Key).HasMaxLength(200).IsRequired();
        incident.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        incident.HasIndex(i => new { i.Key, i.ClosedAt });
    }
}
