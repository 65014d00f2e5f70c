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

    private static readonly CompiledPerModel<Func<AppDbContext, int, IAsyncEnumerable<DataVersion>>> s_read =
        new(() => EF.CompileAsyncQuery((AppDbContext db, int communeId) =>
            db.DataVersions.AsNoTracking().Where(v => v.CommuneId == communeId || v.CommuneId == Installation)));

    /// <summary>The commune's version and the installation's, read together: one indexed query, compiled (every page reads it).</summary>
    public static async Task<(long Commune, long Installation)> ReadAsync(AppDbContext db, int communeId, CancellationToken ct)
    {
        long commune = 0, installation = 0;
        await foreach (var v in s_read.For(db)(db, communeId).WithCancellation(ct))
        {
            if (v.CommuneId == communeId) commune = v.Value;
            else installation = v.Value;
        }
        return (commune, installation);
    }

    /// <summary>
    /// The versions a request's figures are keyed by: under one commune's scope, read once per context and kept in
    /// <c>VersionsRead</c> (forgotten when the context raises versions); none under a scope no single commune covers.
    /// </summary>
    public static async ValueTask<(long Commune, long Installation)?> OfRequestAsync(AppDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var s = db.Scope;
        if (s.Unrestricted || s.CommuneId <= 0) return null;
        return db.VersionsRead ??= await ReadAsync(db, s.CommuneId, ct);
    }

    /// <summary>Every counter as it stands (under a scope that sees them all): what a restore must move past.</summary>
    public static Task<Dictionary<int, long>> AllAsync(AppDbContext db, CancellationToken ct) =>
        db.DataVersions.AsNoTracking().ToDictionaryAsync(v => v.CommuneId, v => v.Value, ct);

    /// <summary>
    /// The least value a counter takes when it is created or moved by a restore: the time in ticks. A counter only ever
    /// grows by one per write, so no value a counter held before (even one created, or restored, in a moment nobody
    /// read) reaches the floor of a later moment: a figure kept under an old value is never taken for new data.
    /// </summary>
    public static long Floor(TimeProvider clock) => clock.GetUtcNow().UtcTicks;

    /// <summary>
    /// After a restore, in one transaction: each counter moves past the value restored, the one it had just before
    /// (<paramref name="before"/>) and the floor of now, so a figure kept under a version of the replaced data is never
    /// taken for the restored data (a restore must not move a version back).
    /// </summary>
    public static async Task MovePastAsync(AppDbContext db, IReadOnlyDictionary<int, long> before, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(before);
        var floor = Floor(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "DataVersions" SET "Value" = CASE WHEN "Value" >= {floor} THEN "Value" + 1 ELSE {floor} END
            """, ct);
        // In commune order, as every write takes these rows.
        foreach (var (id, old) in before.OrderBy(v => v.Key))
        {
            var value = Math.Max(old + 1, floor);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "DataVersions" ("CommuneId", "Value") VALUES ({id}, {value})
                ON CONFLICT ("CommuneId") DO UPDATE SET "Value" = CASE WHEN "DataVersions"."Value" >= {value} THEN "DataVersions"."Value" ELSE {value} END
                """, ct);
        }
        await tx.CommitAsync(ct);
    }
}
