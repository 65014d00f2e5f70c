using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Targets;

/// <summary>The term target and the yearly targets it was spread over.</summary>
public sealed record YearSpread(int TermTarget, IReadOnlyList<YearTarget> Years);

/// <summary>
/// Fills every year of a term with the default spread of the term target (<see cref="TargetSums.DefaultSpread"/>).
/// It replaces what the user saw on the page, never a year someone changed or added since.
/// </summary>
public sealed class FillYearTargets(AppDbContext db, Access access)
{
    public const string NoTermTarget = "Hãy nhập chỉ tiêu cả nhiệm kỳ trước khi điền chỉ tiêu từng năm.";

    /// <param name="seenVersions">Each year's target version as the page showed it; a year missing had no target then.</param>
    public async Task<Outcome<YearSpread>> HandleAsync(int termId, IReadOnlyDictionary<int, int> seenVersions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(seenVersions);
        if (!access.Has(Permission.ManageTargets)) return Outcome<YearSpread>.Forbidden();
        var term = await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == termId, ct);
        if (term is null) return Outcome<YearSpread>.NotFound();
        var termTarget = await db.TermTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TermId == termId, ct);
        if (termTarget is null) return Outcome<YearSpread>.Invalid("", NoTermTarget);

        var years = TargetSums.TermYears(term.StartYear, term.EndYear);
        var spread = TargetSums.DefaultSpread(termTarget.Count, years);
        var existing = await db.YearTargets.Where(y => y.TermId == term.Id || years.Contains(y.Year)).ToListAsync(ct);
        int? Seen(int year) => seenVersions.TryGetValue(year, out var v) ? v : null;
        var saved = new List<YearTarget>();
        foreach (var (year, count) in spread)
        {
            var y = existing.FirstOrDefault(e => e.Year == year);
            if (y is null)
            {
                y = new YearTarget { CommuneId = term.CommuneId, TermId = term.Id, Year = year };
                db.YearTargets.Add(y);
            }
            else
            {
                db.ExpectVersion(y, Seen(year));
            }
            y.Count = count;
            saved.Add(y);
        }
        return await db.SaveAsync(new YearSpread(termTarget.Count, saved), async token =>
        {
            var current = await db.YearTargets.AsNoTracking().Where(y => y.TermId == term.Id || years.Contains(y.Year)).ToListAsync(token);
            // Only the years someone else touched: the others would simply have been replaced, as the user asked.
            var rows = spread
                .Select(s => (s.Year, Yours: s.Count, Stored: current.FirstOrDefault(c => c.Year == s.Year)))
                .Where(x => x.Stored is not null && x.Stored.Version != Seen(x.Year))
                .Select(x => new FieldConflict($"Chỉ tiêu năm {x.Year}", ConflictValues.Show(x.Yours), ConflictValues.Show(x.Stored!.Count)))
                .ToList();
            return (new YearSpread(termTarget.Count, current), rows);
        }, ct, duplicate: TargetWrites.SavedMeanwhile);
    }
}
