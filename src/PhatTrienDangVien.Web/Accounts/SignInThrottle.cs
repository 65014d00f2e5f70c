using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>
/// The recent failed sign-ins of one typed user name, known or not (decision 0016). Kept in the database so that
/// every server of a province sees the same count, and keyed by a hash of the name so that an unknown name is
/// treated exactly as a known one and a password typed into the name box is not stored.
/// </summary>
public sealed class SignInFailure
{
    /// <summary>SHA-256 (hex) of the normalised typed name.</summary>
    public string NameHash { get; set; } = "";
    public int Failures { get; set; }
    /// <summary>Unix time in milliseconds: the same integer column on SQLite and PostgreSQL, compared in SQL.</summary>
    public long LastFailureUnixMs { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> b)
    {
        b.ToTable("SignInFailures");
        b.HasKey(e => e.NameHash);
        b.Property(e => e.NameHash).HasMaxLength(64);
        b.HasIndex(e => e.LastFailureUnixMs);
    }
}

/// <summary>
/// Slows down password guessing on one account without letting anyone lock it: each answer for a name is held back
/// by a delay that grows with the failures of that name in the last <see cref="Window"/> (0, 0, 1, 2, 4, 8, 16, 30 s…),
/// and the password is then checked as usual — the right password always works once the delay has passed. There is
/// no lockout an attacker could trigger. Addresses are limited separately by the rate limiter (SignInLimits).
/// Written with single SQL statements, outside SaveChanges: a failure count is not an audited change (the refused
/// sign-in itself is on the access trail).
/// </summary>
public sealed class SignInThrottle(AppDbContext db, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <summary>How long an answer waits after <paramref name="failures"/> recent failures of the name.</summary>
    public static TimeSpan DelayAfter(int failures) =>
        failures < 2 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(MaxDelay.TotalSeconds, Math.Pow(2, Math.Min(failures - 2, 16))));

    // Identity finds "\u212Aiemtra" (Kelvin sign) as "kiemtra": the same name must share the same delay. Text that is
    // not valid Unicode cannot be normalised; it is counted as typed.
    private static string Fold(string typed)
    {
        try
        {
            return typed.Normalize(NormalizationForm.FormKC).Trim().ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return typed.Trim().ToUpperInvariant();
        }
    }

    public static string Key(string typedName) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("ptdv-sign-in:" + Fold(typedName))));

    /// <summary>The recent failures of the name (0 when the last one is older than the window).</summary>
    public async Task<int> RecentFailuresAsync(string typedName, CancellationToken ct)
    {
        var key = Key(typedName);
        var row = await db.Set<SignInFailure>().AsNoTracking().FirstOrDefaultAsync(f => f.NameHash == key, ct);
        return row is null || row.LastFailureUnixMs < WindowStart() ? 0 : row.Failures;
    }

    /// <summary>What is left of the delay for the name: counted from its last failure, so a user who waited
    /// before trying again does not wait twice.</summary>
    public async Task<TimeSpan> RemainingDelayAsync(string typedName, CancellationToken ct)
    {
        var key = Key(typedName);
        var row = await db.Set<SignInFailure>().AsNoTracking().FirstOrDefaultAsync(f => f.NameHash == key, ct);
        if (row is null || row.LastFailureUnixMs < WindowStart()) return TimeSpan.Zero;
        var due = DateTimeOffset.FromUnixTimeMilliseconds(row.LastFailureUnixMs) + DelayAfter(row.Failures);
        var left = due - clock.GetUtcNow();
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    /// <summary>Holds the request (server side, on the application's clock) until the name's delay has passed.</summary>
    public async Task WaitAsync(string typedName, CancellationToken ct)
    {
        var left = await RemainingDelayAsync(typedName, ct);
        if (left > TimeSpan.Zero) await Task.Delay(left, clock, ct);
    }

    /// <summary>One more failure of the name, in one statement (two servers counting at once both count).</summary>
    public async Task RecordFailureAsync(string typedName, CancellationToken ct)
    {
        var key = Key(typedName);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var windowStart = WindowStart();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SignInFailures" ("NameHash", "Failures", "LastFailureUnixMs") VALUES ({key}, 1, {now})
            ON CONFLICT ("NameHash") DO UPDATE SET
                "Failures" = CASE WHEN "SignInFailures"."LastFailureUnixMs" < {windowStart} THEN 1 ELSE "SignInFailures"."Failures" + 1 END,
                "LastFailureUnixMs" = {now}
            """, ct);
        // Names tried once and forgotten (typos, random names of a scan) do not pile up.
        await db.Set<SignInFailure>().Where(f => f.LastFailureUnixMs < windowStart).ExecuteDeleteAsync(ct);
    }

    /// <summary>A complete sign-in (both factors) forgets the name's failures.</summary>
    public async Task ForgetAsync(string typedName, CancellationToken ct)
    {
        var key = Key(typedName);
        await db.Set<SignInFailure>().Where(f => f.NameHash == key).ExecuteDeleteAsync(ct);
    }

    private long WindowStart() => (clock.GetUtcNow() - Window).ToUnixTimeMilliseconds();
}
