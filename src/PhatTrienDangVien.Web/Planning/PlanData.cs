using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Planning;

/// <summary>
/// The figures of the plan, each defined once and read by every page, report and export that shows it.
/// <b>Admitted</b> = the admission ceremony date in the member register: the ceremony step writes it (the procedure),
/// and an admission made before the software was used is typed there; one person counts once, in their cell.
/// </summary>
public static class PlanData
{
    /// <summary>Members of these cells whose admission ceremony falls in the period (both ends included).</summary>
    public static IQueryable<Member> AdmittedIn(IQueryable<Member> members, IReadOnlyCollection<int> cellIds, DateOnly first, DateOnly last) =>
        members.Where(m => cellIds.Contains(m.CellId) && m.CeremonyDate >= first && m.CeremonyDate <= last);

    /// <summary>The case histories of these cells' candidates, for the funnel, durations and forecast.</summary>
    public static async Task<List<CaseHistory>> CasesAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, CancellationToken ct)
    {
        var candidates = await db.Candidates.AsNoTracking().Where(c => cellIds.Contains(c.CellId))
            .Select(c => new { c.Id, c.CellId }).ToListAsync(ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        return candidates.Select(c => new CaseHistory(c.Id, c.CellId, steps[c.Id])).Where(h => h.Visits.Count > 0).ToList();
    }

    /// <summary>People admitted in the period (see <see cref="AdmittedIn"/>), with the facts the structure report counts.</summary>
    public static async Task<List<NewMember>> NewMembersAsync(AppDbContext db, IReadOnlyCollection<int> cellIds, DateOnly first, DateOnly last,
        CancellationToken ct)
    {
        var rows = await AdmittedIn(db.Members.AsNoTracking(), cellIds, first, last)
            .Select(m => new { m.Id, m.CellId, m.PersonId, m.Person, Date = m.CeremonyDate!.Value }).ToListAsync(ct);
        var people = rows.Select(r => r.PersonId).ToList();
        // The case, when there is one, gives the sources; a case of the same person is in the same commune.
        var cases = await db.Candidates.WholeCommune().AsNoTracking().Where(c => people.Contains(c.PersonId))
            .Select(c => new { c.Id, c.PersonId }).ToListAsync(ct);
        var caseOf = cases.GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.Max(c => c.Id));
        var caseIds = caseOf.Values.ToList();
        var throughProcedure = (await CeremoniesAsync(db, db.Candidates.WholeCommune().Where(c => people.Contains(c.PersonId)), ct))
            .Select(c => c.PersonId).ToHashSet();
        var sources = (await db.CandidateSources.AsNoTracking().Where(x => caseIds.Contains(x.CandidateId))
            .Select(x => new { x.CandidateId, x.SourceCategory.Code }).ToListAsync(ct)).ToLookup(x => x.CandidateId, x => x.Code);
        return rows.Select(r =>
        {
            int? candidate = caseOf.TryGetValue(r.PersonId, out var id) ? id : null;
            return NewMember.From(r.Person, r.Id, candidate, r.CellId, r.Date, candidate is { } c ? sources[c].ToList() : [],
                fromRegister: !throughProcedure.Contains(r.PersonId));
        }).ToList();
    }

    /// <summary>A ceremony held through the procedure: the person's case and the step's date.</summary>
    public sealed record Ceremony(int PersonId, int CandidateId, DateOnly Date);

    /// <summary>
    /// Admitted through the procedure = a ceremony recorded on one of these cases (the new-members figures and the
    /// reconciliation read it here). A ceremony copied from the register when a probationary member's recognition case
    /// was opened is not one: that admission was made before the software.
    /// </summary>
    public static async Task<List<Ceremony>> CeremoniesAsync(AppDbContext db, IQueryable<Candidate> cases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var steps = await db.AdmissionSteps.WholeCommune().AsNoTracking()
            .Where(s => s.Kind == Core.Admission.AdmissionStepKind.Ceremony)
            .Join(cases, s => s.CandidateId, c => c.Id, (s, c) => new { c.PersonId, s.CandidateId, s.Date, s.Details })
            .ToListAsync(ct);
        // Only the details are read for the flag (not the step's rules snapshot): the dashboard asks this on every view.
        return steps.Where(x => new Core.Admission.StepRecord { Details = x.Details }.ReadDetails<Core.Admission.CeremonyDetails>()?.FromRegister != true)
            .Select(x => new Ceremony(x.PersonId, x.CandidateId, x.Date)).ToList();
    }

    /// <summary>
    /// The term of the plan on <paramref name="today"/>: the one whose window holds it, else the last one started before
    /// it, else the last one recorded.
    /// </summary>
    public static async Task<Term?> CurrentTermAsync(AppDbContext db, DateOnly today, CancellationToken ct)
    {
        var terms = await db.Terms.AsNoTracking().OrderByDescending(t => t.StartYear).ToListAsync(ct);
        return terms.FirstOrDefault(t => t.Start <= today && today <= t.End) ?? terms.FirstOrDefault(t => t.Start <= today) ?? terms.FirstOrDefault();
    }

    /// <summary>"This year" of the plan: today's calendar year, cut to the term when today is in it (the term's first
    /// year counts from the congress, its last up to the next).</summary>
    public static TermYear ThisYear(Term? term, DateOnly today)
    {
        if (term is not null && term.Start <= today && today <= term.End)
            return PlanTerm.Of(term, 0).CalendarYears().Single(y => y.Year == today.Year);
        return new TermYear(today.Year, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
    }

    /// <summary>An organisation chosen on a page, the active organisations, and the cells under it that the user's scope covers.</summary>
    public sealed record Selection(Organisation Selected, IReadOnlyList<Organisation> Organisations, IReadOnlyList<int> CellIds)
    {
        /// <summary>Set when nothing was chosen and the user's scope holds several organisations with no common parent
        /// they can see (a committee member in charge of two cells): the selection is all of them, not the first.</summary>
        public IReadOnlyList<Organisation>? Union { get; init; }

        /// <summary>What the selection is called on a page and in a file's title.</summary>
        public string Name => Union is { } u ? string.Join(", ", u.SkipLast(1).Select(o => o.Name)) + " và " + u[^1].Name : Selected.Name;

        /// <summary>The <c>OrgId</c> of links to the lists behind the figures; null for the union, since a list
        /// without one holds the user's whole scope, which is the union.</summary>
        public int? OrgId => Union is null ? Selected.Id : null;
    }

    /// <summary>
    /// The organisation a plan page or a list shows (<paramref name="orgId"/>, or the commune committee), and the
    /// cells it covers — one rule for the dashboard and the lists its figures open, so that both count the same
    /// cells. Null when there is no organisation, or <paramref name="orgId"/> is not one the user can see.
    /// </summary>
    /// <param name="coveredOnly">The dashboard counts whole cells, so only the cells the scope covers; a list only
    /// narrows rows its own filters already scope (a mentor's candidates in a cell they do not cover), so all of them.</param>
    /// <param name="allInScope">Without <paramref name="orgId"/>, a user who sees several organisations and no
    /// common parent gets all of them (<see cref="Selection.Union"/>): the reports and the lists they open. The
    /// dashboard keeps the first, since its picker names one organisation.</param>
    public static async Task<Selection?> SelectAsync(AppDbContext db, int? orgId, CancellationToken ct, bool coveredOnly = true, bool allInScope = false)
    {
        var orgs = await Selectable(db.Organisations.AsNoTracking()).ToListAsync(ct);
        if (orgs.Count == 0) return null;
        if (orgId is null && allInScope && !orgs.Any(o => o.Kind == OrganisationKind.CommuneCommittee))
        {
            var visible = orgs.Select(o => o.Id).ToHashSet();
            var roots = orgs.Where(o => o.ParentId is not { } parent || !visible.Contains(parent))
                .OrderBy(o => o.Kind).ThenBy(o => o.Name, Pages.Shared.Lookups.Collator).ToList();
            if (roots.Count > 1)
                return new Selection(roots[0], orgs, [.. roots.SelectMany(r => CellsUnder(r, orgs)).Distinct().Where(c => !coveredOnly || db.Scope.CoversCell(c))])
                {
                    Union = roots,
                };
        }
        var selected = orgId is { } id ? orgs.FirstOrDefault(o => o.Id == id)
            : orgs.FirstOrDefault(o => o.Kind == OrganisationKind.CommuneCommittee) ?? orgs.OrderBy(o => o.Kind).First();
        if (selected is null) return null;
        return new Selection(selected, orgs, CellsUnder(selected, orgs).Where(c => !coveredOnly || db.Scope.CoversCell(c)).ToList());
    }

    /// <summary>
    /// The organisations a plan's selection reads: the active ones, and the commune's committee even when the commune is
    /// archived (archiving sets only the committee inactive): an archived commune's figures are its history, which the
    /// province still reads, whole, not from one of its sub-committees. Not a merged commune's: its records, and its
    /// targets added to the receiving commune's, are counted there (its line would count its targets twice).
    /// </summary>
    public static IQueryable<Organisation> Selectable(IQueryable<Organisation> organisations) =>
        organisations.Where(o => o.IsActive || (o.Kind == OrganisationKind.CommuneCommittee && o.MergedIntoId == null));

    /// <summary>
    /// For a read over many communes at once (the province's reports), the commune of each cell of their whole scopes:
    /// the organisations <see cref="SelectAsync"/> reads and the same walk down from each commune's committee, so that
    /// each commune's share is what its own pages count.
    /// </summary>
    public static async Task<Dictionary<int, int>> CommuneOfCellsAsync(AppDbContext db, IReadOnlySet<int> communes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(communes);
        var organisations = await Selectable(db.Organisations.AsNoTracking()).ToListAsync(ct);
        var children = organisations.ToLookup(o => o.ParentId);
        var communeOfCell = new Dictionary<int, int>();
        foreach (var committee in organisations.Where(o => o.Kind == OrganisationKind.CommuneCommittee && communes.Contains(o.Id)))
            foreach (var cell in CellsUnder(committee, children)) communeOfCell[cell] = committee.Id;
        return communeOfCell;
    }

    /// <summary>A list narrowed to an organisation (the <c>OrgId</c> of a figure's link), as its filter line names it.</summary>
    public sealed record OrgFilter(string Name, bool IsCell, IReadOnlyList<int> CellIds)
    {
        /// <summary>"Chi bộ X" for a cell, "các chi bộ thuộc Y" for a sub-committee or the commune.</summary>
        public string Described => IsCell ? Name : "các chi bộ thuộc " + Name;
    }

    /// <summary>
    /// The filter of a list opened with <paramref name="orgId"/> (null: no filter); <c>Found</c> is false when the
    /// organisation is not one the user can see (the page answers 404). The list's own filters do the scoping.
    /// </summary>
    public static async Task<(bool Found, OrgFilter? Filter)> ListFilterAsync(AppDbContext db, int? orgId, CancellationToken ct)
    {
        if (orgId is null) return (true, null);
        var selection = await SelectAsync(db, orgId, ct, coveredOnly: false);
        return selection is null ? (false, null)
            : (true, new OrgFilter(selection.Selected.Name, selection.Selected.Kind == OrganisationKind.Cell, selection.CellIds));
    }

    /// <summary>The cells under an organisation (itself when it is a cell).</summary>
    public static IEnumerable<int> CellsUnder(Organisation root, IReadOnlyCollection<Organisation> all) => CellsUnder(root, all.ToLookup(o => o.ParentId));

    /// <summary>The same, with the organisations by parent (a province's thousands of cells: each looked up, not searched).</summary>
    public static IEnumerable<int> CellsUnder(Organisation root, ILookup<int?, Organisation> children)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(children);
        if (root.Kind == OrganisationKind.Cell) return [root.Id];
        return children[root.Id].SelectMany(c => CellsUnder(c, children));
    }

    /// <summary>
    /// The forecast of the term for these cells (open cases and new entrants at the pace of the last 12 months);
    /// null while no term target is recorded or the term is over.
    /// </summary>
    /// <remarks>The dashboard's card and the forecast page run the same number of simulations with the same seed, so
    /// they show the same figures. No forecast for a sub-committee or a cell while years of the term are not allocated
    /// to its cells: the chance of reaching a part of the target would mean nothing.</remarks>
    public const int ForecastRuns = 3000;

    public static async Task<ForecastResult?> ForecastAsync(AppDbContext db, PlanFigures plan, IReadOnlyCollection<int> cellIds, DateOnly today,
        List<CaseHistory>? cases, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.TermTarget is not > 0 || plan.PlanTerm is null || today > plan.PlanTerm.End || plan.UnallocatedYears.Count > 0) return null;
        cases ??= await CasesAsync(db, cellIds, ct);
        var term = plan.PlanTerm;
        return Forecast.Run(new ForecastInput(cases, term, today, plan.AdmittedInTerm, new ForecastOptions { Runs = ForecastRuns }));
    }
}
