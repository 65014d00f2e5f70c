using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Setup;

/// <summary>
/// Work an upgrade needs done once on the rows already written (the audit chain's old rows: nothing writes them since),
/// recorded as a finished job claim ("upgrade:…") when it has run to its end. A start asks once which have finished and
/// skips them, where their own queries ran at every start (docs/benchmarks.md). A step that failed, or whose server
/// stopped before it finished, is not recorded and runs at the next start; a database restored from an older copy
/// carries that copy's record. Only for work that cannot come back: the numbered papers' backfill is not one (see
/// <see cref="DatabaseSetup.MigrateAsync"/>).
/// </summary>
public static class UpgradeSteps
{
    public const string AuditChain = "upgrade:audit-chain";

    /// <summary>The steps finished on this database. One plain statement: the start's model is not yet warm for queries.</summary>
    public static async Task<HashSet<string>> FinishedAsync(AppDbContext db, CancellationToken ct)
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = """SELECT "Key" FROM "JobClaims" WHERE "Key" LIKE 'upgrade:%' AND "FinishedAtUtc" IS NOT NULL""";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) finished.Add(reader.GetString(0));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return finished;
    }

    /// <summary>Records <paramref name="key"/> finished; another server that finished it too changes nothing.</summary>
    public static async Task FinishAsync(AppDbContext db, string key, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var server = JobClaims.Server;
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobClaims" ("Key", "Server", "ClaimedAtUtc", "FinishedAtUtc") VALUES ({key}, {server}, {now}, {now})
            ON CONFLICT ("Key") DO NOTHING
            """, ct);
    }
}
