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
public sealed class CellDevelopment(AppDbContext db, WorkList work, RuleBookProvider rules, Calendar.CalendarService calendars, TimeProvider clock)
{
    /// <param name="LateSteps">Steps recorded after their deadline in the year's window.</param>
    public sealed record Row(int CellId, string Cell, DevelopmentFacts Facts, int LateSteps, DateOnly First, DateOnly Last);

    /// <summary>
    /// The year's window is the dashboard's (the calendar year cut to the term); the pool, the mentors, the
    /// certificates still valid and the overdue steps are as they stand on <paramref name="today"/>: today's as the
    /// lists show them, a past day's as its dated steps say (<see cref="AsRecordedAsync"/>).
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
        var book = await rules.GetAsync(ct);
        var now = await (today < Core.Common.VietnamTime.Today(clock) ? AsRecordedAsync(cellIds, today, book, ct)
            : AsTheyStandAsync(cellIds, today, book.At(today).CertificateValidityMonths, ct));
        var late = (await db.AdmissionSteps.AsNoTracking().Where(s => s.IsLate && s.Date >= window.First && s.Date <= upTo)
                .Join(db.Candidates.AsNoTracking().Where(c => cellIds.Contains(c.CellId)), s => s.CandidateId, c => c.Id, (s, c) => c.CellId).ToListAsync(ct))
            .GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        return [.. cellIds.Where(names.ContainsKey).Select(cell =>
        {
            var mine = now.Where(c => c.CellId == cell).ToList();
            var facts = new DevelopmentFacts(targets.GetValueOrDefault(cell), admitted.GetValueOrDefault(cell), mine.Count(c => c.InPool),
                mine.Count(c => c.InPool && c.Trained), mine.Count(c => c.Open), mine.Count(c => c.Overdue), mine.Count(c => c.InPool && !c.Mentored));
            return new Row(cell, names[cell], facts, late.GetValueOrDefault(cell), window.First, window.Last);
        }).OrderBy(r => r.Cell, Pages.Shared.Lookups.Collator)];
    }

    /// <summary>One case on the day the figures are taken.</summary>
    internal sealed record CaseOnDay(int CandidateId, int CellId, bool InPool, bool Trained, bool Mentored, bool Open, bool Overdue);

    /// <summary>
    /// Today's figures, as the dashboard and the lists show them (the candidate's status and mentor, the work list's
    /// open and overdue cases), so that a session recorded today shows the figures its links count.
    /// </summary>
    internal async Task<List<CaseOnDay>> AsTheyStandAsync(IReadOnlyCollection<int> cellIds, DateOnly today, int validity, CancellationToken ct)
    {
        var pool = await db.Candidates.AsNoTracking().Where(c => c.Status == CandidateStatus.Active && cellIds.Contains(c.CellId))
            .Select(c => new { c.Id, c.CellId, c.MentorMemberId }).ToListAsync(ct);
        var poolIds = pool.Select(c => c.Id).ToHashSet();
        var certificates = (await db.AdmissionSteps.AsNoTracking().Where(s => s.Kind == AdmissionStepKind.AwarenessClass && poolIds.Contains(s.CandidateId))
                .Select(s => new { s.CandidateId, s.Details }).ToListAsync(ct))
            .Where(s => Valid(s.Details, today, validity))
            .Select(s => s.CandidateId).ToHashSet();
        var items = (await work.ItemsAsync(ct)).Where(i => cellIds.Contains(i.CellId) && i.Kind == WorkKind.Step).ToDictionary(i => i.CandidateId);
        var rows = pool.Select(c => new CaseOnDay(c.Id, c.CellId, true, certificates.Contains(c.Id), c.MentorMemberId is not null,
            items.ContainsKey(c.Id), items.TryGetValue(c.Id, out var i) && i.IsOverdue)).ToList();
        rows.AddRange(items.Values.Where(i => !poolIds.Contains(i.CandidateId))
            .Select(i => new CaseOnDay(i.CandidateId, i.CellId, false, false, false, true, i.IsOverdue)));
        return rows;
    }

    /// <summary>
    /// A past day's figures, from the dated steps (a session or a rating seeded after the fact, such as the demo's):
    /// in the pool is whoever entered it by then and had neither their ceremony nor their withdrawal yet; mentored,
    /// whoever had a mentor's step by then; an open or overdue case is the deadline rules run over the steps of the day.
    /// The cell is the candidate's cell of today.
    /// </summary>
    internal async Task<List<CaseOnDay>> AsRecordedAsync(IReadOnlyCollection<int> cellIds, DateOnly day, RuleBook book, CancellationToken ct)
    {
        var candidates = await db.Candidates.AsNoTracking().Where(c => cellIds.Contains(c.CellId) && c.AddedOn <= day)
            .Select(c => new { c.Id, c.CellId, c.Person.DateOfBirth }).ToListAsync(ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId) && s.Date <= day).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        var validity = book.At(day).CertificateValidityMonths;
        var calendar = await calendars.GetAsync(ct);
        var rows = new List<CaseOnDay>();
        foreach (var c in candidates)
        {
            var mine = steps[c.Id].ToList();
            // A case opened from the register starts on its decision's day and has its ceremony step, as any other.
            var leftPool = mine.Any(s => s.Kind is AdmissionStepKind.Ceremony or AdmissionStepKind.Withdrawal);
            var next = Deadlines.NextAction(new AdmissionCase(c.Id, c.DateOfBirth, mine), book, calendar, day);
            if (leftPool && next is null) continue;
            rows.Add(new CaseOnDay(c.Id, c.CellId, !leftPool,
                mine.Any(s => s.Kind == AdmissionStepKind.AwarenessClass && Valid(s.Details, day, validity)),
                mine.Any(s => s.Kind == AdmissionStepKind.MentorAssigned),
                next is not null, next is { WorkingDaysLeft: < 0 }));
        }
        return rows;
    }

    private static bool Valid(string? details, DateOnly day, int validity) =>
        new StepRecord { Details = details }.ReadDetails<ClassDetails>() is { } c && c.CertificateDate <= day && c.CertificateDate.AddMonths(validity) >= day;
}
