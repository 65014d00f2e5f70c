using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Dashboard;

/// <summary>The forecast of the term, its method in plain Vietnamese, per year and per cell, and its check against the last 12 months.</summary>
[RequirePermission(Permission.ViewPlan)]
public class ForecastModel(AppDbContext db, WorkList work) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }

    public Organisation? Selected { get; private set; }
    public PlanFigures? Plan { get; private set; }
    public ForecastResult? Result { get; private set; }

    /// <summary>The same model fitted on the data as it stood 12 months ago, against what happened since.</summary>
    public BacktestResult? Backtest { get; private set; }
    public Dictionary<int, string> CellNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var orgs = await db.Organisations.AsNoTracking().Where(o => o.IsActive).ToListAsync(ct);
        Selected = OrgId is { } id ? orgs.FirstOrDefault(o => o.Id == id)
            : orgs.FirstOrDefault(o => o.Kind == OrganisationKind.CommuneCommittee) ?? orgs.OrderBy(o => o.Kind).FirstOrDefault();
        if (Selected is null) return NotFound();
        var cellIds = PlanData.CellsUnder(Selected, orgs).Where(db.Scope.CoversCell).ToList();
        CellNames = orgs.Where(o => cellIds.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name);
        Plan = await PlanFigures.ComputeAsync(db, Selected, cellIds, work.Today, ct);
        var cases = await PlanData.CasesAsync(db, cellIds, ct);
        Result = await PlanData.ForecastAsync(db, Plan, cellIds, work.Today, cases, ct);
        if (Result is not null) Backtest = ForecastBacktest.Run(cases, work.Today, 12, Result.Options);
        return Page();
    }
}
