using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Reports;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Báo cáo kết quả phát triển đảng viên: one row per cell, target and breakdowns; the same as .xlsx.</summary>
[RequirePermission(Permission.ViewPlan)]
public class DevelopmentModel(AppDbContext db, Exporter exporter) : PageModel
{
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Kỳ báo cáo")] public string Period { get; set; } = ReportPeriod.Year;
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }

    public DevelopmentReport Report { get; private set; } = null!;
    public ReportTitle Head { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => await LoadAsync(ct)
        ?? await exporter.FileAsync(DevelopmentReport.Heading, $"ket-qua-phat-trien-dang-vien-{Report.Period.Slug}.xlsx", Report.Total.Admitted, ct,
            await Report.SheetsAsync(exporter, ct));

    /// <summary>Null when the report is ready; else the answer to a wrong address (a year out of range, an organisation not seen).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var period = await ReportPeriod.ReadAsync(db, ModelState, Period, Year, Number, exporter.Today, ct);
        if (period is null) return BadRequest();
        var selection = await PlanData.SelectAsync(db, OrgId, ct, allInScope: true);
        if (selection is null) return NotFound();
        Report = await DevelopmentReport.ComputeAsync(db, selection, period, ct);
        Head = new ReportTitle(await exporter.CommitteeAsync(ct), $"{DevelopmentReport.Heading} {period.Title}",
            [$"({period.Window.ToLowerInvariant()})", selection.Name], exporter.Today);
        return null;
    }

    /// <summary>The admitted list behind a figure: the same window, the cell (or the whole selection), the part.</summary>
    public string Link(int? cellId, string? facet = null) =>
        Shared.Lists.Admitted(cellId ?? Report.Selection.OrgId, Report.Period.From, Report.Period.To, facet);
}
