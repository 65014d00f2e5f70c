using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Targets;

/// <summary>Which term the targets pages and commands work on.</summary>
public static class TargetQueries
{
    /// <summary>The term asked for, or the one running this year, or the latest.</summary>
    public static async Task<Term?> TermAsync(AppDbContext db, int? termId, int thisYear, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (termId is { } id) return await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        var terms = await db.Terms.AsNoTracking().OrderByDescending(t => t.StartYear).ToListAsync(ct);
        return terms.FirstOrDefault(t => t.StartYear <= thisYear && thisYear < t.EndYear) ?? terms.FirstOrDefault();
    }

    /// <summary>The term whose yearly targets include <paramref name="year"/> (see <see cref="TargetSums.TermYears"/>).</summary>
    public static async Task<Term?> TermOfYearAsync(AppDbContext db, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var terms = await db.Terms.AsNoTracking().Where(t => t.StartYear <= year && year <= t.EndYear).ToListAsync(ct);
        return terms.FirstOrDefault(t => TargetSums.TermYears(t.StartYear, t.EndYear).Contains(year));
    }

    public static int ThisYear(TimeProvider clock) => Core.Common.VietnamTime.Today(clock).Year;
}
