using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Data;

/// <summary>
/// A claim on a piece of scheduled work for one period ("alerts:2026-12-05", "digest:7:2026-12-05"): of the servers
/// sharing the database, the one whose insert of the key succeeds does the work (decision 0034).
/// </summary>
public sealed class JobClaim
{
    public string Key { get; set; } = "";
    /// <summary>The machine and process that holds it (several servers may share the database).</summary>
    public string Server { get; set; } = "";
    public DateTime ClaimedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
}

internal sealed class JobClaimConfiguration : IEntityTypeConfiguration<JobClaim>
{
    public void Configure(EntityTypeBuilder<JobClaim> b)
    {
        b.ToTable("JobClaims");
        b.HasKey(c => c.Key);
        b.Property(c => c.Key).HasMaxLength(200);
        b.Property(c => c.Server).HasMaxLength(200);
    }
}

/// <summary>
/// Scheduled work done once across the servers of an installation: alerts once a day, each commune's e-mail digest once
/// a day (the daily backup has its own claim row, <c>BackupRuns</c>, with its outcome). A claim left unfinished by a
/// server that died is taken over once it is older than the work's own limit.
/// </summary>
public sealed class JobClaims(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>This server, as the claims name it: the machine and the process (two instances on one machine differ).</summary>
    public static readonly string Server = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>True when this server is to do the work of <paramref name="key"/>: the first to claim it, or the taker of a stale claim.</summary>
    public async Task<bool> TryClaimAsync(string key, TimeSpan staleAfter, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        var now = clock.GetUtcNow().UtcDateTime;
        var server = Server;
        if (await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobClaims" ("Key", "Server", "ClaimedAtUtc") VALUES ({key}, {server}, {now})
            ON CONFLICT ("Key") DO NOTHING
            """, ct) == 1) return true;
        // One statement, so of two servers taking over the same stale claim only one updates it.
        var stale = now - staleAfter;
        return await db.JobClaims.Where(c => c.Key == key && c.FinishedAtUtc == null && c.ClaimedAtUtc < stale)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.ClaimedAtUtc, now).SetProperty(c => c.Server, server), ct) == 1;
    }

    /// <summary>Marks the work done, if this server still holds it (a claim taken over is the taker's to finish).</summary>
    public async Task FinishAsync(string key, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        var now = clock.GetUtcNow().UtcDateTime;
        var server = Server;
        await db.JobClaims.Where(c => c.Key == key && c.Server == server).ExecuteUpdateAsync(u => u.SetProperty(c => c.FinishedAtUtc, now), ct);
    }

    public async Task<bool> IsFinishedAsync(string key, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        return await db.JobClaims.AnyAsync(c => c.Key == key && c.FinishedAtUtc != null, ct);
    }

    /// <summary>Gives the work back, if this server still holds it: the next tick of any server may claim it again.</summary>
    public async Task ReleaseAsync(string key, CancellationToken ct)
    {
        using var scope = SystemScope(out var db);
        var server = Server;
        await db.JobClaims.Where(c => c.Key == key && c.Server == server && c.FinishedAtUtc == null).ExecuteDeleteAsync(ct);
    }

    private IServiceScope SystemScope(out AppDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }
}
