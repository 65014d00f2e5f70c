using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PhatTrienDangVien.Web.Data;

/// <summary>
/// A counter per commune (and one, <see cref="DataVersions.Installation"/>, for what every commune shares: rule
/// parameters and the calendar) that every save raises in the same transaction. A figure computed from the data
/// may be kept in memory under the versions it was computed at: every server of an installation reads the same
/// row, so no server serves a figure another server's write has made stale.
/// </summary>
public sealed class DataVersion
{
    public int CommuneId { get; set; }
    public long Value { get; set; }
}

internal sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersion>
{
    public void Configure(EntityTypeBuilder<DataVersion> b)
    {
        b.ToTable("DataVersions");
        b.HasKey(v => v.CommuneId);
        b.Property(v => v.CommuneId).ValueGeneratedNever();
    }
}

public static class DataVersions
{
    /// <summary>The row of installation-wide data (no commune has id 0).</summary>
    public const int Installation = 0;

    /// <summary>The commune's version and the installation's, read together: one indexed query.</summary>
    public static async Task<(long Commune, long Installation)> ReadAsync(AppDbContext db, int communeId, CancellationToken ct)
    {
        var rows = await db.DataVersions.AsNoTracking().Where(v => v.CommuneId == communeId || v.CommuneId == Installation)
            .ToDictionaryAsync(v => v.CommuneId, v => v.Value, ct);
        return (rows.GetValueOrDefault(communeId), rows.GetValueOrDefault(Installation));
    }

    /// <summary>Every counter as it stands (under a scope that sees them all): what a restore must move past.</summary>
    public static Task<Dictionary<int, long>> AllAsync(AppDbContext db, CancellationToken ct) =>
        db.DataVersions.AsNoTracking().ToDictionaryAsync(v => v.CommuneId, v => v.Value, ct);

    /// <summary>
    /// After a restore: each counter moves past both the value restored and the one it had before, so a figure kept
    /// under a version of the replaced data is never taken for the restored data (a restore must not move a version back).
    /// </summary>
    public static async Task MovePastAsync(AppDbContext db, IReadOnlyDictionary<int, long> before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(before);
        var now = await AllAsync(db, ct);
        foreach (var id in now.Keys.Union(before.Keys).Order())
        {
            var value = Math.Max(now.GetValueOrDefault(id), before.GetValueOrDefault(id)) + 1;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "DataVersions" ("CommuneId", "Value") VALUES ({id}, {value})
                ON CONFLICT ("CommuneId") DO UPDATE SET "Value" = {value}
                """, ct);
        }
    }
}
