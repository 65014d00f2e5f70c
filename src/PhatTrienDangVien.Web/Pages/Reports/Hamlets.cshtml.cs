using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Reports;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Đảng viên ở các ấp: hamlets with no or few members, printable and as .xlsx.</summary>
[RequirePermission(Permission.ViewPlan)]
public class HamletsModel(AppDbContext db, Exporter exporter) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Threshold { get; set; }

    public HamletsReport Report { get; private set; } = null!;
    public ReportTitle Head { get; private set; } = null!;
    /// <summary>The organisation the dashboard's thin-hamlet list is opened for (the hamlets are the commune's whatever it is).</summary>
    public int OrgId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => await LoadAsync(ct)
        ?? await exporter.FileAsync(HamletsReport.Heading, exporter.Dated("dang-vien-o-cac-ap"), Report.Rows.Count, ct, await Report.SheetAsync(exporter, ct));

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var selection = await PlanData.SelectAsync(db, null, ct);
        if (selection is null) return NotFound();
        OrgId = selection.Selected.Id;
        Report = await HamletsReport.ComputeAsync(db, Gaps.ReadThreshold(Threshold), exporter.Today, ct);
        Head = new ReportTitle(await exporter.CommitteeAsync(ct), HamletsReport.Heading,
            [$"(tính đến ngày {Shared.Dates.Text(Report.Today)})", $"“Ít đảng viên”: dưới {Report.ThresholdText} đảng viên trên 1.000 dân"], exporter.Today);
        return null;
    }
}
