using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Rsync;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class VerifyResultConfiguration : IEntityTypeConfiguration<VerifyResult>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<VerifyResult> result)
    {
        result.ToTable("VerifyResults");
        result.Property(r => r.Differences)
            .HasColumnName("DifferencesJson")
            .IsRequired()
            .HasConversion(
                list => JsonSerializer.Serialize(list, Json),
                json => JsonSerializer.Deserialize<List<RsyncDifference>>(json, Json) ?? new List<RsyncDifference>(),
                new ValueComparer<List<RsyncDifference>>(
                    (a, b) => a != null && b != null && a.SequenceEqual(b),
                    list => list.Aggregate(0, (hash, d) => HashCode.Combine(hash, d.GetHashCode())),
                    list => list.ToList()));
        result.Property(r => r.ExitMeaning).HasMaxLength(500);
        result.HasOne(r => r.Job).WithMany().HasForeignKey(r => r.JobId).OnDelete(DeleteBehavior.Cascade);
        result.HasOne(r => r.Remote).WithMany().HasForeignKey(r => r.RemoteId).OnDelete(DeleteBehavior.Cascade);
        result.HasIndex(r => new { r.JobId, r.RemoteId }).IsUnique();
    }
}
