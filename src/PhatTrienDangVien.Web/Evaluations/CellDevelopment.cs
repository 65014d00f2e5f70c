using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Evaluations;

/// <summary>
/// Each cell's party-development results for a year, from the data: what the annual rating puts beside the score
/// (plan point P12) and an inspection attaches to its record (P11). One reader for both, so that the two never count
/// differently.
/// </summary>
public sealed class CellDevelopment(AppDbContext db, WorkList work, RuleBookProvider rules)
{
    /// <param name="LateSteps">Steps recorded after their deadline in the year's window.</param>
    public sealed record Row(int CellId, string Cell, DevelopmentFacts Facts, int LateSteps, DateOnly First, DateOnly Last);

    /// <summary>
    /// The year's window is the dashboard's (the calendar year cut to the term); the pool, the mentors, the
    /// certificates still valid and the overdue steps are as they stand on <paramref name="today"/>.
    /// </summary>
    public async Task<IReadOnlyList<Row>> ForYearAsync(IReadOnlyCollection<int> cellIds, int year, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cellIds);
        var term = await PlanData.CurrentTermAsync(db, today, ct);
        var window = term is not null && term.Start.Year <= year && year <= term.End.Year
            ? PlanTerm.Of(term, 0).CalendarYears().Single(y => y.Year == year)
            : new TermYear(year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var names = await db.Organisations.AsNoTracking().Where(o => cellIds.Contains(o.Id) && o.Kind == Core.Organisations.OrganisationKind.Cell).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var targets = await db.CellTargets.AsNoTracking().Where(t => t.Year == year && cellIds.Contains(t.CellId)).ToDictionaryAsync(t => t.CellId, t => t.Count, ct);
        // Counted up to the day the figures are taken, not to the year's end: a session's figures of its day (and the
        // demo's sessions, seeded after the fact) do not count admissions still to come.
        var upTo = today < window.Last ? today : window.Last;
        var admitted = (await PlanData.AdmittedIn(db.Members.AsNoTracking(), cellIds, window.First, upTo).Select(m => m.CellId).ToListAsync(ct))
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        var pool = await db.Candidates.AsNoTracking().Where(c => c.Status == CandidateStatus.Active && cellIds.Contains(c.CellId))
            .Select(c => new { c.Id, c.CellId, c.MentorMemberId }).ToListAsync(ct);
        var poolIds = pool.Select(c => c.Id).ToList();
        var validity = (await rules.GetAsync(ct)).At(today).CertificateValidityMonths;
        var certificates = (await db.AdmissionSteps.AsNoTracking().Where(s => s.Kind == AdmissionStepKind.AwarenessClass && poolIds.Contains(s.CandidateId))
                .Select(s => new { s.CandidateId, s.Details }).ToListAsync(ct))
            .Where(s => new StepRecord { Details = s.Details }.ReadDetails<ClassDetails>() is { } c && c.CertificateDate.AddMonths(validity) >= today)
            .Select(s => s.CandidateId).ToHashSet();
        var items = (await work.ItemsAsync(ct)).Where(i => cellIds.Contains(i.CellId) && i.Kind == WorkKind.Step).ToList();
        var late = (await db.AdmissionSteps.AsNoTracking().Where(s => s.IsLate && s.Date >= window.First && s.Date <= upTo)
                .Join(db.Candidates.AsNoTracking().Where(c => cellIds.Contains(c.CellId)), s => s.CandidateId, c => c.Id, (s, c) => c.CellId).ToListAsync(ct))
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return [.. cellIds.Where(names.ContainsKey).Select(cell =>
        {
            var mine = pool.Where(c => c.CellId == cell).ToList();
            var cases = items.Where(i => i.CellId == cell).ToList();
            var facts = new DevelopmentFacts(targets.GetValueOrDefault(cell), admitted.GetValueOrDefault(cell), mine.Count,
                mine.Count(c => certificates.Contains(c.Id)), cases.Count, cases.Count(i => i.IsOverdue), mine.Count(c => c.MentorMemberId is null));
            return new Row(cell, names[cell], facts, late.GetValueOrDefault(cell), window.First, window.Last);
        }).OrderBy(r => r.Cell, Pages.Shared.Lookups.Collator)];
    }
}
