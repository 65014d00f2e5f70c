using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Targets;

namespace PhatTrienDangVien.Web.Pages.Targets;

/// <summary>Chỉ tiêu: the term target, the yearly targets and their allocation to cells, with the sums checked.</summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, TimeProvider clock, Access access, FillYearTargets fill) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? TermId { get; set; }
    /// <summary>Version of each yearly target as the page showed it, so the default fill never overwrites a newer edit.</summary>
    [BindProperty] public Dictionary<int, int> YearVersions { get; set; } = [];

    public Term? Term { get; private set; }
    public TermTarget? TermTarget { get; private set; }
    public List<YearRow> Years { get; } = [];
    public SumCheck? YearsCheck { get; private set; }
    public bool CanEdit { get; private set; }
    public bool SeesAllCells => db.Scope.Unrestricted || db.Scope.WholeCommune;
    public int ThisYear { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    /// <param name="Unallocated">No allocation to any cell the user sees (PlanTargets.UnallocatedYears: the dashboard's
    /// and the forecast's reading of the same thing).</param>
    public sealed record YearRow(int Year, YearTarget? Target, int Allocated, int CellCount, SumCheck? CellsCheck, bool Unallocated);

    /// <summary>The years with a target and nothing allocated to the cells yet.</summary>
    public IReadOnlyList<int> UnallocatedTargetYears => [.. Years.Where(y => y.Unallocated && y.Target is not null).Select(y => y.Year)];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    [RequireHandlerPermission(Permission.ManageTargets)]
    public async Task<IActionResult> OnPostFillAsync(CancellationToken ct)
    {
        var term = await TargetQueries.TermAsync(db, TermId, TargetQueries.ThisYear(clock), ct);
        if (term is null) return NotFound();
        var outcome = await fill.HandleAsync(term.Id, YearVersions, ct);
        if (outcome.Status is OutcomeStatus.Invalid or OutcomeStatus.Conflict)
        {
            // The page again, as stored now: its versions are what a second click would replace.
            TermId = term.Id;
            YearVersions.Clear();
            await LoadAsync(ct);
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = $"Đã chia chỉ tiêu {outcome.Value!.TermTarget} của nhiệm kỳ cho {outcome.Value.Years.Count} năm.";
        return Redirect($"/Targets?termId={term.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        ThisYear = TargetQueries.ThisYear(clock);
        CanEdit = access.Has(Permission.ManageTargets);
        Term = await TargetQueries.TermAsync(db, TermId, ThisYear, ct);
        if (Term is null) return false;
        TermId = Term.Id;
        TermTarget = await db.TermTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TermId == Term.Id, ct);
        var years = TargetSums.TermYears(Term.StartYear, Term.EndYear);
        var targets = await db.YearTargets.AsNoTracking().Include(y => y.SubTargets).Where(y => y.TermId == Term.Id).ToListAsync(ct);
        var shown = years.Union(targets.Select(t => t.Year)).Order().ToList();
        // The allocations as the dashboard and the reports read them (PlanTargets), over every cell the user sees.
        var cells = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Cell).Select(o => o.Id).ToListAsync(ct);
        var read = await PlanTargets.LoadAsync(db, null, cells, shown, ct);
        var unallocated = read.UnallocatedYears.ToHashSet();
        foreach (var year in shown)
        {
            var t = targets.FirstOrDefault(x => x.Year == year);
            var ofYear = read.Allocations.Where(a => a.Key.Year == year).ToList();
            var sum = ofYear.Sum(a => a.Value);
            // A user who sees only some cells would see a partial sum: no check for them.
            var check = t is not null && SeesAllCells ? TargetSums.Check(t.Count, [sum]) : null;
            Years.Add(new YearRow(year, t, sum, ofYear.Count, check, unallocated.Contains(year)));
            if (t is not null) YearVersions[year] = t.Version;
        }
        if (TermTarget is not null && targets.Count > 0) YearsCheck = TargetSums.Check(TermTarget.Count, targets.Select(t => t.Count));
        return true;
    }
}
