using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Auditing;

/// <summary>
/// Links audit rows into their chain, inside the save's transaction. One chain per commune (plus chain 0 for the
/// installation) rather than one global chain: a commune's administrator verifies exactly the rows they may read, and
/// writers of different communes do not wait for each other.
/// <para>
/// Writers are serialised per chain by the chain's <see cref="AuditTail"/> row: an upsert of it is the first thing a
/// save does for a chain, and it returns the tail. On PostgreSQL the upsert takes the row's lock until the
/// transaction ends, and a second writer waiting on it reads the committed tail once the first is done (READ
/// COMMITTED re-reads the row it was waiting for). On SQLite the upsert is a write: it needs the database's single
/// write lock (EF's transactions are BEGIN IMMEDIATE, so it is already held), and SQLite refuses a write from a stale
/// snapshot (SQLITE_BUSY_SNAPSHOT) rather than let it fork. Either way two saves never read the same tail.
/// </para>
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);
    private const string Version = "ptdv-audit/1";

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int ChainOf(int? communeId) => communeId ?? 0;

    /// <summary>Both engines keep microseconds (PostgreSQL drops the last digit of .NET's ticks): the hash is taken over what is stored.</summary>
    public static DateTime Stored(DateTime t) => new(t.Ticks - t.Ticks % 10, DateTimeKind.Utc);

    /// <summary>SHA-256 over a JSON array of the row's fields in a fixed order and its predecessor's hash.</summary>
    public static string HashOf(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            Version, e.Chain, e.Seq, e.CommuneId, e.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.UserId, e.UserName, e.EntityType, e.EntityId, e.Action, e.Changes, e.PrevHash,
        }, s_json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static string SealOf(byte[]? key, int chain, long seq, string hash) => key is null ? "" :
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}|{chain}|{seq}|{hash}"))));

    /// <summary>
    /// Gives each row its place in its chain and adds it to the context (saved by the caller, in the same transaction,
    /// which must be open). Chains are taken in ascending order, so two saves touching the same two never deadlock.
    /// </summary>
    internal static async Task LinkAsync(AppDbContext db, IReadOnlyList<AuditEntry> rows, byte[]? sealKey, bool sync, CancellationToken ct)
    {
        await ChainAsync(db, rows, sealKey, sync, ct);
        db.AuditEntries.AddRange(rows);
    }

    /// <summary>As <see cref="LinkAsync"/>, the rows left to the caller to write (the bulk writer of new records writes them itself).</summary>
    internal static async Task ChainAsync(AppDbContext db, IReadOnlyList<AuditEntry> rows, byte[]? sealKey, bool sync, CancellationToken ct)
    {
        foreach (var r in rows)
        {
            r.Chain = ChainOf(r.CommuneId);
            r.AtUtc = Stored(r.AtUtc);
        }
        foreach (var chain in rows.GroupBy(r => r.Chain).OrderBy(g => g.Key))
        {
            var (seq, prev) = await LockTailAsync(db, chain.Key, sync, ct);
            foreach (var r in chain)
            {
                r.Seq = ++seq;
                r.PrevHash = prev;
                r.Hash = HashOf(r);
                prev = r.Hash;
            }
            await SetTailAsync(db, chain.Key, seq, prev, sealKey, sync, ct);
        }
    }

    /// <summary>
    /// Links rows written before the chain existed (Seq negative, set so by the AuditChain migration), in the order they
    /// were written, after whatever the chain already holds. Run at start until it has once finished (UpgradeSteps); a no-op
    /// once done. Several servers starting together serialise on the tail like any writer.
    /// </summary>
    public static async Task<int> LinkOldRowsAsync(AppDbContext db, byte[]? sealKey, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var linked = 0;
        while (true)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The System scope reads every commune's rows; no filter is bypassed.
            var chain = await db.AuditEntries.Where(a => a.Seq < 0).OrderBy(a => a.Chain).Select(a => (int?)a.Chain).FirstOrDefaultAsync(ct);
            if (chain is null) return linked;
            var (seq, prev) = await LockTailAsync(db, chain.Value, false, ct);
            var rows = await db.AuditEntries.Where(a => a.Chain == chain && a.Seq < 0).OrderBy(a => a.Id).Take(2000).ToListAsync(ct);
            foreach (var r in rows)
            {
                r.AtUtc = Stored(r.AtUtc);
                r.Seq = ++seq;
                r.PrevHash = prev;
                r.Hash = HashOf(r);
                prev = r.Hash;
            }
            await db.SaveChangesAsync(ct);
            await SetTailAsync(db, chain.Value, seq, prev, sealKey, false, ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            linked += rows.Count;
        }
    }

    private static async Task<(long Seq, string Hash)> LockTailAsync(AppDbContext db, int chain, bool sync, CancellationToken ct)
    {
        await using var cmd = Command(db, """
            INSERT INTO "AuditTails" ("Chain", "Seq", "Hash", "Seal") VALUES (@chain, 0, @genesis, '')
            ON CONFLICT ("Chain") DO UPDATE SET "Seq" = "AuditTails"."Seq"
            RETURNING "Seq", "Hash"
            """, ("chain", chain), ("genesis", Genesis));
        await using var reader = sync ? cmd.ExecuteReader() : await cmd.ExecuteReaderAsync(ct);
        if (!(sync ? reader.Read() : await reader.ReadAsync(ct))) throw new InvalidOperationException("The audit tail upsert returned no row.");
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static async Task SetTailAsync(AppDbContext db, int chain, long seq, string hash, byte[]? sealKey, bool sync, CancellationToken ct)
    {
        await using var cmd = Command(db, """UPDATE "AuditTails" SET "Seq" = @seq, "Hash" = @hash, "Seal" = @seal WHERE "Chain" = @chain""",
            ("seq", seq), ("hash", hash), ("seal", SealOf(sealKey, chain, seq, hash)), ("chain", chain));
        if (sync) cmd.ExecuteNonQuery();
        else await cmd.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(AppDbContext db, string sql, params (string Name, object Value)[] parameters)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The audit chain is written inside the save's transaction.");
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = tx.GetDbTransaction();
#pragma warning disable CA2100 // fixed statements; the values are parameters
        cmd.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }
}
