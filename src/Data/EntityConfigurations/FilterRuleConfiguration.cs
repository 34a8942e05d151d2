using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class FilterRuleConfiguration : IEntityTypeConfiguration<FilterRule>
{
    public void Configure(EntityTypeBuilder<FilterRule> rule)
    {
        rule.ToTable("FilterRules");
        rule.Property(f => f.Expression).IsRequired().HasMaxLength(4096);
        rule.HasIndex(f => new { f.JobId, f.Kind, f.Order });
    }
}
