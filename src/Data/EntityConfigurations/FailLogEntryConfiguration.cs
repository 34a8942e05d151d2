using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SyncConsole.Data.Entities;
using SyncConsole.Engine.Paths;

namespace SyncConsole.Data.EntityConfigurations;

public sealed class FailLogEntryConfiguration : IEntityTypeConfiguration<FailLogEntry>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<FailLogEntry> entry)
    {
        entry.ToTable("FailLogEntries");
        entry.Property(e => e.Paths)
            .HasColumnName("PathsJson")
            .IsRequired()
            .HasConversion(
                paths => JsonSerializer.Serialize(paths, Json),
                json => JsonSerializer.Deserialize<List<ChangedPath>>(json, Json) ?? new List<ChangedPath>(),
                new ValueComparer<List<ChangedPath>>(
                    (a, b) => a != null && b != null && a.SequenceEqual(b),
                    paths => paths.Aggregate(0, (hash, p) => HashCode.Combine(hash, p.GetHashCode())),
                    paths => paths.ToList()));
        entry.Property(e => e.ExitMeaning).IsRequired().HasMaxLength(500);
        entry.Property(e => e.StderrTail).IsRequired();
        entry.HasOne(e => e.Job).WithMany().HasForeignKey(e => e.JobId).OnDelete(DeleteBehavior.Cascade);
        // History outlives the remote: deleting it keeps its entries (the open ones discarded), named by RemoteName.
        entry.Property(e => e.RemoteName).HasMaxLength(200);
        entry.HasOne(e => e.Remote).WithMany().HasForeignKey(e => e.RemoteId).OnDelete(DeleteBehavior.SetNull);
        entry.HasIndex(e => new { e.JobId, e.RemoteId, e.State });
        entry.HasIndex(e => new { e.State, e.NextAttemptAt });
    }
}
