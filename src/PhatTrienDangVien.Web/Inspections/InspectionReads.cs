using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Inspections;

/// <summary>
/// What the inspection pages, the API, the work list and the alerts read: the year's plan lines with what became of
/// them, the findings and the corrective actions. One reader, so a figure and the list it links to count alike.
/// </summary>
public static class InspectionReads
{
    /// <summary>Which corrective actions a list shows.</summary>
    public enum ActionFilter
    {
        /// <summary>Not done and not cancelled (overdue ones included).</summary>
        Open = 0,
        Overdue = 1,
        Done = 2,
        Cancelled = 3,
        All = 4,
    }

    /// <param name="FindingsWithoutAction">Findings no corrective action was assigned to yet (the office's to do).</param>
    public sealed record PlanRow(InspectionPlanItem Item, string Cell, IReadOnlyList<InspectionSession> Sessions, int Findings, int OpenActions, int OverdueActions,
        int FindingsWithoutAction)
    {
        public bool Held => Sessions.Count > 0;
    }

    public sealed record ActionRow(CorrectiveAction Action, string Cell, int SessionId, DateOnly SessionDate, string Finding, int Year)
    {
        public bool IsOverdue(DateOnly today) => CorrectiveActions.IsOverdue(Action.Status, Action.DueDate, today);
    }

    public sealed record FindingRow(InspectionFinding Finding, string Cell, DateOnly SessionDate, string? CaseName, IReadOnlyList<CorrectiveAction> Actions);

    public sealed record Figures(int Planned, int Held, int Sessions, int Findings, int Open, int Overdue, int Done, int Unassigned);

    /// <summary>
    /// The year's plan lines and corrective actions of the cells, as the inspections page and the dashboard's card read
    /// them: kept with the figures under the data version (a plan line, a session, a finding and an action are writes
    /// of their commune), six queries less at each view, for this year and the last (the years being worked on; any
    /// year typed in the address would be an entry each, so others are read each time). Shared rows: read-only.
    /// </summary>
    public static async Task<(IReadOnlyList<PlanRow> Plan, IReadOnlyList<ActionRow> Actions)> YearAsync(FigureCache figures, AppDbContext db,
        IReadOnlyCollection<int> cellIds, int year, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(cellIds);
        async Task<(IReadOnlyList<PlanRow>, IReadOnlyList<ActionRow>)> ReadAsync() =>
            (await PlanAsync(db, cellIds, year, today, ct), await ActionsAsync(db, cellIds, year, ActionFilter.All, today, ct));
        return FigureCache.KeepsYear(year, today) ? await figures.GetAsync(db, "inspection-year", FigureCache.YearAndCells(year, cellIds), ReadAsync, ct) : await ReadAsync();
    }

    public static async Task<List<PlanRow>> PlanAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, int year, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var items = await db.InspectionPlanItems.AsNoTracking().Where(p => p.Year == year && cellIds.Contains(p.CellId)).ToListAsync(ct);
        var ids = items.Select(i => i.Id).ToList();
        var sessions = (await db.InspectionSessions.AsNoTracking().Where(s => ids.Contains(s.PlanItemId)).ToListAsync(ct)).ToLookup(s => s.PlanItemId);
        var sessionIds = sessions.SelectMany(s => s).Select(s => s.Id).ToList();
        var findings = await db.InspectionFindings.AsNoTracking().Where(f => sessionIds.Contains(f.SessionId)).Select(f => new { f.Id, f.SessionId }).ToListAsync(ct);
        var findingIds = findings.Select(f => f.Id).ToList();
        var actions = await db.CorrectiveActions.AsNoTracking().Where(a => findingIds.Contains(a.FindingId)).Select(a => new { a.FindingId, a.Status, a.DueDate }).ToListAsync(ct);
        var cells = await CellNamesAsync(db, items.Select(i => i.CellId), ct);
        return [.. items.Select(i =>
        {
            var mine = sessions[i.Id].OrderBy(s => s.Date).ToList();
            var mySessions = mine.Select(s => s.Id).ToHashSet();
            var myFindings = findings.Where(f => mySessions.Contains(f.SessionId)).Select(f => f.Id).ToHashSet();
            var myActions = actions.Where(a => myFindings.Contains(a.FindingId)).ToList();
            return new PlanRow(i, cells.GetValueOrDefault(i.CellId, ""), mine, myFindings.Count,
                myActions.Count(a => !CorrectiveActions.IsClosed(a.Status)), myActions.Count(a => CorrectiveActions.IsOverdue(a.Status, a.DueDate, today)),
                myFindings.Count(f => !myActions.Any(a => a.FindingId == f)));
        }).OrderBy(r => r.Item.From).ThenBy(r => r.Cell, Lookups.Collator)];
    }

    /// <summary>
    /// The corrective actions of the cells' findings, of one plan year (null: every year, as the work list reads them).
    /// </summary>
    public static async Task<List<ActionRow>> ActionsAsync(AppDbContext db, IReadOnlyCollection<int>? cellIds, int? year, ActionFilter filter, DateOnly today,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var q = db.CorrectiveActions.AsNoTracking();
        if (cellIds is not null) q = q.Where(a => cellIds.Contains(a.CellId));
        q = filter switch
        {
            ActionFilter.Open => q.Where(a => a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress),
            ActionFilter.Overdue => q.Where(a => (a.Status == ActionStatus.Open || a.Status == ActionStatus.InProgress) && a.DueDate < today),
            ActionFilter.Done => q.Where(a => a.Status == ActionStatus.Done),
            ActionFilter.Cancelled => q.Where(a => a.Status == ActionStatus.Cancelled),
            _ => q,
        };
        var rows = await q.Join(db.InspectionFindings.AsNoTracking(), a => a.FindingId, f => f.Id, (a, f) => new { a, f })
            .Join(db.InspectionSessions.AsNoTracking(), x => x.f.SessionId, s => s.Id, (x, s) => new { x.a, x.f, s })
            .Join(db.InspectionPlanItems.AsNoTracking(), x => x.s.PlanItemId, p => p.Id, (x, p) => new { x.a, Finding = x.f.Text, SessionId = x.s.Id, SessionDate = x.s.Date, p.Year })
            .Where(x => year == null || x.Year == year)
            .ToListAsync(ct);
        var cells = await CellNamesAsync(db, rows.Select(r => r.a.CellId), ct);
        return [.. rows.Select(r => new ActionRow(r.a, cells.GetValueOrDefault(r.a.CellId, ""), r.SessionId, r.SessionDate, r.Finding, r.Year))
            .OrderBy(r => r.Action.DueDate).ThenBy(r => r.Cell, Lookups.Collator).ThenBy(r => r.Action.Id)];
    }

    public static async Task<List<FindingRow>> FindingsAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, int year, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.InspectionFindings.AsNoTracking().Where(f => cellIds.Contains(f.CellId))
            .Join(db.InspectionSessions.AsNoTracking(), f => f.SessionId, s => s.Id, (f, s) => new { f, s })
            .Join(db.InspectionPlanItems.AsNoTracking().Where(p => p.Year == year), x => x.s.PlanItemId, p => p.Id, (x, p) => new { x.f, SessionDate = x.s.Date })
            .ToListAsync(ct);
        return await WithActionsAsync(db, rows.Select(r => (r.f, r.SessionDate)).ToList(), ct);
    }

    public static Task<List<FindingRow>> FindingsOfSessionAsync(AppDbContext db, InspectionSession session, CancellationToken ct) =>
        FindingsOfSessionsAsync(db, [session], ct);

    /// <summary>The findings of these sessions (a plan line's), with their actions: one query for all of them.</summary>
    public static async Task<List<FindingRow>> FindingsOfSessionsAsync(AppDbContext db, IReadOnlyCollection<InspectionSession> sessions, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sessions);
        var dates = sessions.ToDictionary(s => s.Id, s => s.Date);
        var ids = dates.Keys.ToList();
        var rows = await db.InspectionFindings.AsNoTracking().Where(f => ids.Contains(f.SessionId)).ToListAsync(ct);
        return await WithActionsAsync(db, rows.Select(f => (f, dates[f.SessionId])).ToList(), ct);
    }

    private static async Task<List<FindingRow>> WithActionsAsync(AppDbContext db, List<(InspectionFinding F, DateOnly SessionDate)> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.F.Id).ToList();
        var actions = (await db.CorrectiveActions.AsNoTracking().Where(a => ids.Contains(a.FindingId)).ToListAsync(ct)).ToLookup(a => a.FindingId);
        var cases = rows.Select(r => r.F.CandidateId).OfType<int>().Distinct().ToList();
        var names = await db.Candidates.AsNoTracking().Where(c => cases.Contains(c.Id)).Select(c => new { c.Id, c.Person.FullName }).ToDictionaryAsync(c => c.Id, c => c.FullName, ct);
        var cells = await CellNamesAsync(db, rows.Select(r => r.F.CellId), ct);
        return [.. rows.Select(r => new FindingRow(r.F, cells.GetValueOrDefault(r.F.CellId, ""), r.SessionDate,
                r.F.CandidateId is { } c ? names.GetValueOrDefault(c) : null, [.. actions[r.F.Id].OrderBy(a => a.DueDate).ThenBy(a => a.Id)]))
            .OrderBy(r => r.SessionDate).ThenBy(r => r.Finding.Id)];
    }

    public static Figures Count(IReadOnlyList<PlanRow> plan, IReadOnlyList<ActionRow> actions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(actions);
        return new Figures(plan.Count, plan.Count(p => p.Held), plan.Sum(p => p.Sessions.Count), plan.Sum(p => p.Findings),
            actions.Count(a => !CorrectiveActions.IsClosed(a.Action.Status)), actions.Count(a => a.IsOverdue(today)),
            actions.Count(a => a.Action.Status == ActionStatus.Done), plan.Sum(p => p.FindingsWithoutAction));
    }

    /// <summary>The cells that have inspections: a closed or merged one stays on the lists (Lookups.CellChoicesAsync).</summary>
    public static IQueryable<int> InspectedCells(AppDbContext db) => db.InspectionPlanItems.Select(p => p.CellId);

    private static async Task<Dictionary<int, string>> CellNamesAsync(AppDbContext db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
