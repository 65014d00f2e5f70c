using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Planning;

/// <summary>
/// Targets against admissions for the selected organisation: the term and this year for the commune, the cells'
/// allocations for a sub-committee or a cell. Admitted as <see cref="PlanData"/> defines it.
/// </summary>
public sealed class PlanFigures
{
    public Term? Term { get; private set; }
    public PlanTerm? PlanTerm { get; private set; }
    public int? TermTarget { get; private set; }
    public int? YearTarget { get; private set; }
    public int AdmittedInTerm { get; private set; }
    public int AdmittedThisYear { get; private set; }
    public PaceReport? Pace { get; private set; }
    public List<(int Year, int? Target, int Admitted)> Years { get; } = [];
    public bool IsWholeCommune { get; private set; }
    /// <summary>Every admission of the term's years, for the dashboard to reuse rather than query again.</summary>
    public IReadOnlyList<NewMember> Admissions { get; private set; } = [];

    public static async Task<PlanFigures> ComputeAsync(AppDbContext db, Organisation selected, IReadOnlyCollection<int> cellIds, DateOnly today,
        CancellationToken ct)
    {
        var f = new PlanFigures { IsWholeCommune = selected.Kind == OrganisationKind.CommuneCommittee };
        f.Term = await db.Terms.AsNoTracking().Where(t => t.StartYear <= today.Year && t.EndYear >= today.Year)
            .OrderByDescending(t => t.StartYear).FirstOrDefaultAsync(ct)
            ?? await db.Terms.AsNoTracking().OrderByDescending(t => t.StartYear).FirstOrDefaultAsync(ct);
        if (f.Term is null) return f;
        var term = f.Term;
        var years = TargetSums.TermYears(term.StartYear, term.EndYear);
        var yearTargets = await db.YearTargets.AsNoTracking().Where(y => y.TermId == term.Id).ToDictionaryAsync(y => y.Year, y => y.Count, ct);
        var cellTargets = await db.CellTargets.AsNoTracking().Where(c => cellIds.Contains(c.CellId) && years.Contains(c.Year))
            .GroupBy(c => c.Year).Select(g => new { g.Key, Count = g.Sum(x => x.Count) }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var termTarget = await db.TermTargets.AsNoTracking().Where(t => t.TermId == term.Id).Select(t => (int?)t.Count).FirstOrDefaultAsync(ct);
        f.TermTarget = f.IsWholeCommune ? termTarget : cellTargets.Count > 0 ? cellTargets.Values.Sum() : null;

        var first = new DateOnly(years.Count > 0 ? years[0] : term.StartYear, 1, 1);
        var last = new DateOnly(term.EndYear, 12, 31);
        var admissions = await PlanData.NewMembersAsync(db, cellIds, first, last, ct);
        f.Admissions = admissions;
        foreach (var y in years)
        {
            int? target = f.IsWholeCommune ? yearTargets.TryGetValue(y, out var t) ? t : null : cellTargets.TryGetValue(y, out var cellTarget) ? cellTarget : null;
            f.Years.Add((y, target, admissions.Count(a => a.AdmittedOn.Year == y)));
        }
        f.PlanTerm = Core.Planning.PlanTerm.FromYears(term.StartYear, term.EndYear, f.TermTarget ?? 0);
        f.AdmittedInTerm = admissions.Count(a => a.AdmittedOn >= f.PlanTerm.Start && a.AdmittedOn <= f.PlanTerm.End);
        f.AdmittedThisYear = admissions.Count(a => a.AdmittedOn.Year == today.Year);
        f.YearTarget = f.Years.FirstOrDefault(y => y.Year == today.Year).Target;
        if (f.TermTarget is { } tt && today <= f.PlanTerm.End)
            f.Pace = Core.Planning.Pace.Compute(f.PlanTerm, f.AdmittedInTerm, f.YearTarget ?? 0, f.AdmittedThisYear, today);
        return f;
    }
}
