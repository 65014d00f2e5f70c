using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Reports;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Danh sách đảng viên mới kết nạp trong kỳ, printable and as .xlsx.</summary>
[RequirePermission(Permission.ViewPlan)]
public class NewMembersModel(AppDbContext db, Exporter exporter) : PageModel
{
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Kỳ báo cáo")] public string Period { get; set; } = ReportPeriod.Year;
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }

    public NewMembersReport Report { get; private set; } = null!;
    public ReportTitle Head { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => await LoadAsync(ct)
        ?? await exporter.FileAsync(NewMembersReport.Heading, $"dang-vien-moi-ket-nap-{Report.Period.Slug}.xlsx", Report.Rows.Count, ct, await Report.SheetAsync(exporter, ct));

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var period = await ReportPeriod.ReadAsync(db, ModelState, Period, Year, Number, exporter.Today, ct);
        if (period is null) return BadRequest();
        var selection = await PlanData.SelectAsync(db, OrgId, ct, allInScope: true);
        if (selection is null) return NotFound();
        Report = await NewMembersReport.ComputeAsync(db, selection, period, ct);
        Head = new ReportTitle(await exporter.CommitteeAsync(ct), $"{NewMembersReport.Heading} {period.Title}",
            [$"({period.Window.ToLowerInvariant()})", selection.Name], exporter.Today);
        return null;
    }

    public string Link(string? facet = null) => Shared.Lists.Admitted(Report.Selection.OrgId, Report.Period.From, Report.Period.To, facet);
}
