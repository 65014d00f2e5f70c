using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Dashboard;

/// <summary>The forecast of the term, its method in plain Vietnamese, per year and per cell, and its check against the last 12 months.</summary>
[RequirePermission(Permission.ViewPlan)]
public class ForecastModel(AppDbContext db, WorkList work, FigureCache figures) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }

    public Organisation? Selected { get; private set; }
    public DateOnly Today => work.Today;
    public PlanFigures? Plan { get; private set; }
    public ForecastResult? Result { get; private set; }

    /// <summary>The same model fitted on the data as it stood 12 months ago, against what happened since.</summary>
    public BacktestResult? Backtest { get; private set; }
    public Dictionary<int, string> CellNames { get; private set; } = [];

    /// <summary>When the forecast shown was computed, and whether a newer one is being computed.</summary>
    public ForecastState? State { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // The same organisation and cells as the dashboard's (PlanData.SelectAsync): the two pages share the cache keys.
        var selection = await PlanData.SelectAsync(db, OrgId, ct);
        if (selection is null) return NotFound();
        Selected = selection.Selected;
        var cellIds = selection.CellIds;
        CellNames = selection.Organisations.Where(o => cellIds.Contains(o.Id)).ToDictionary(o => o.Id, o => o.Name);
        // Computed once per change of the data (FigureCache), under the same keys as the dashboard's card.
        var org = Selected.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var selected = Selected;
        Plan = await figures.GetAsync(db, "plan", org, () => PlanFigures.ComputeAsync(db, selected, cellIds, work.Today, ct), ct);
        // After a change the last forecast is shown with its time while the new one is computed (FigureCache.GetLatestAsync).
        var (plan, today) = (Plan, work.Today);
        var forecast = await figures.GetLatestAsync(db, "forecast", org, (d, c) => PlanData.ForecastAsync(d, plan, cellIds, today, null, c), ct);
        Result = forecast.Value;
        State = new(forecast.ComputedAtUtc, forecast.Current);
        if (Result is not null)
        {
            var options = Result.Options;
            var backtest = await figures.GetLatestAsync(db, "backtest", org, async (d, c) =>
                ForecastBacktest.Run(await PlanData.CasesAsync(d, cellIds, c), today, 12, options), ct);
            Backtest = backtest.Value;
            if (!backtest.Current) State = State with { Current = false };
        }
        return Page();
    }
}
