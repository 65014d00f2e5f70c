using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Dashboard;

/// <summary>
/// The plan at a glance for the commune, a sub-committee or a cell (within the user's scope): where the pipeline
/// stands, where the gaps are, and what is due.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, WorkList work, Education.PropagandaSummary propaganda, Evaluations.RatingReads ratings, FigureCache figures) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Threshold { get; set; }

    public Organisation? Selected { get; private set; }
    public List<SelectListItem> Organisations { get; private set; } = [];
    public IReadOnlyList<int> CellIds { get; private set; } = [];
    public DateOnly Today => work.Today;
    public Gaps Gaps { get; private set; } = null!;
    public IReadOnlyList<WorkList.Item> Overdue { get; private set; } = [];
    public IReadOnlyList<WorkList.Item> DueSoon { get; private set; } = [];
    public FunnelReport Funnel { get; private set; } = null!;
    public IReadOnlyList<StageDurationRow> Durations { get; private set; } = [];
    public StructureReport Structure { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> SourceNames { get; private set; } = new Dictionary<string, string>();
    public PlanFigures? Plan { get; private set; }
    public sealed record CellRow(int Id, string Name, int? Target, int Admitted, int Pool, int Overdue)
    {
        public bool Behind => Target is { } t && Admitted < t;
    }
    public List<CellRow> Cells { get; } = [];
    public ForecastResult? ForecastSummary { get; private set; }
    /// <summary>When the forecast shown was computed, and whether a newer one is being computed.</summary>
    public ForecastState? ForecastState { get; private set; }
    /// <summary>The calendar year's propaganda and education beside the pool (the user's scope, as /Propaganda shows it).</summary>
    public Education.PropagandaSummary.Year? EducationYear { get; private set; }
    /// <summary>Admissions, exits and net change of the term, the same figures as /Exits for this organisation.</summary>
    public Web.Exits.ExitReads.Figures? Membership { get; private set; }
    /// <summary>This year's inspections of these cells, the same figures as /Inspections for this organisation.</summary>
    public Web.Inspections.InspectionReads.Figures Inspections { get; private set; } = null!;
    /// <summary>The latest year rated, and its summary by level, the same as /Ratings for this organisation.</summary>
    public (int Year, Evaluations.RatingReads.Summarised Cells, Evaluations.RatingReads.Summarised Members)? Rating { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The province board sees a commune's dashboard once it chose the commune; before, the province's table.
        if (db.Scope.IsProvinceWithoutCommune) return Redirect("/Province");
        var selection = await PlanData.SelectAsync(db, OrgId, ct);
        if (selection is null) return OrgId is null ? Page() : NotFound();
        Selected = selection.Selected;
        CellIds = selection.CellIds;
        var orgs = selection.Organisations;
        Organisations = orgs.OrderBy(o => o.Kind).ThenBy(o => o.Name, Lookups.Collator)
            .Select(o => new SelectListItem(o.Name, o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Id == Selected.Id)).ToList();

        // The heavy figures are computed once per change of the data (FigureCache), for the organisation and the scope.
        var org = Selected.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Plan = await figures.GetAsync(db, "plan", org, () => PlanFigures.ComputeAsync(db, Selected, CellIds, Today, ct), ct);
        // "This year" everywhere on the page is the year's window in the term (from the congress in its first year).
        var year = Plan.ThisYear;
        var threshold = Gaps.ReadThreshold(Threshold);
        // Kept for the usual threshold only: any other one a user types is computed for them, not kept.
        Gaps = threshold == Gaps.DefaultPerThousand
            ? await figures.GetAsync(db, "gaps", org, () => Gaps.ComputeAsync(db, CellIds, year.First, year.Last, threshold, ct), ct)
            : await Gaps.ComputeAsync(db, CellIds, year.First, year.Last, threshold, ct);
        var items = (await work.ItemsAsync(ct)).Where(i => CellIds.Contains(i.CellId)).ToList();
        Overdue = items.Where(i => i.IsOverdue).OrderBy(i => i.Next.WorkingDaysLeft).ToList();
        DueSoon = items.Where(i => i.Next.WorkingDaysLeft is >= 0 and <= 10).OrderBy(i => i.Next.WorkingDaysLeft).ToList();
        // Every case's history, read only when the figures built on it have to be computed.
        (Funnel, Durations) = await figures.GetAsync(db, "funnel", org, async () =>
        {
            var cases = await PlanData.CasesAsync(db, CellIds, ct);
            return (Core.Planning.Funnel.Compute(cases, Today), StageDurations.Compute(cases, Today));
        }, ct);
        // This year's admissions are part of the term's, already loaded, unless today is outside the term.
        var newMembers = Plan.PlanTerm is { } t && year.First >= t.Start && year.Last <= t.End
            ? Plan.Admissions.Where(a => a.AdmittedOn >= year.First && a.AdmittedOn <= year.Last).ToList()
            : await PlanData.NewMembersAsync(db, CellIds, year.First, year.Last, ct);
        var cellNames = orgs.ToDictionary(o => o.Id, o => o.Name);
        Structure = NewMemberStructure.Compute(newMembers, id => cellNames.GetValueOrDefault(id, "?"));
        // The sources' names, this year's allocations and each cell's pool, kept as the figures above are.
        var (sourceNames, allocations, pool) = await figures.GetAsync(db, "dashboard-cells", org, async () => (
            await db.SourceCategories.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Name, ct),
            await db.CellTargets.AsNoTracking().Where(a => a.Year == Today.Year && CellIds.Contains(a.CellId)).ToDictionaryAsync(a => a.CellId, a => a.Count, ct),
            await db.Candidates.Where(c => c.Status == CandidateStatus.Active && CellIds.Contains(c.CellId))
                .GroupBy(c => c.CellId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct)), ct);
        SourceNames = sourceNames;
        EducationYear = await figures.GetAsync(db, "education", "", () => propaganda.ForAsync(Today.Year, ct), ct);
        Membership = await figures.GetAsync(db, "membership", org, () => Web.Exits.ExitReads.FiguresAsync(db, CellIds, Today, ct), ct);
        var (inspected, actions) = await Web.Inspections.InspectionReads.YearAsync(figures, db, CellIds, Today.Year, Today, ct);
        Inspections = Web.Inspections.InspectionReads.Count(inspected, actions, Today);
        Rating = await figures.GetAsync(db, "rating", org, async () =>
        {
            if (await ratings.LatestYearAsync(CellIds, Today, ct) is not { } rated) return null;
            var (cellLevels, memberLevels) = await ratings.SummariesAsync(CellIds, rated, ct);
            return ((int Year, Evaluations.RatingReads.Summarised Cells, Evaluations.RatingReads.Summarised Members)?)(rated, cellLevels, memberLevels);
        }, ct);
        // Where we are behind: each cell's allocation for this year against its admissions, pool and overdue steps.
        var admittedByCell = newMembers.GroupBy(n => n.CellId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var cellId in CellIds)
            Cells.Add(new CellRow(cellId, cellNames.GetValueOrDefault(cellId, "?"), allocations.TryGetValue(cellId, out var a) ? a : null,
                admittedByCell.GetValueOrDefault(cellId), pool.GetValueOrDefault(cellId), items.Count(i => i.CellId == cellId && i.IsOverdue)));
        Cells.Sort((a, b) => (b.Target ?? 0) - b.Admitted - ((a.Target ?? 0) - a.Admitted));
        // The forecast takes longest: after a change the last one is shown with its time while the new one is computed.
        var (plan, cellIds, today) = (Plan, CellIds, Today);
        var forecast = await figures.GetLatestAsync(db, "forecast", org, (d, c) => PlanData.ForecastAsync(d, plan, cellIds, today, null, c), ct);
        ForecastSummary = forecast.Value;
        ForecastState = new(forecast.ComputedAtUtc, forecast.Current);
        return Page();
    }

    /// <summary>The list of people admitted in a window, for this page's organisation, optionally one part of them.</summary>
    public string AdmittedLink(DateOnly from, DateOnly to, string? facet = null, int? orgId = null) =>
        Lists.Admitted(orgId ?? Selected!.Id, from, to, facet);

    public string OrgQuery => "OrgId=" + Selected!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
