using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Reports;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Người vào Đảng theo giai đoạn, with next step and due date, printable and as .xlsx.</summary>
[RequirePermission(Permission.ViewPlan)]
public class CandidatesModel(AppDbContext db, WorkList work, Exporter exporter) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }

    public CandidatesReport Report { get; private set; } = null!;
    public ReportTitle Head { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => await LoadAsync(ct)
        ?? await exporter.FileAsync(CandidatesReport.Heading, exporter.Dated("nguoi-vao-dang-theo-giai-doan"), Report.Rows.Count, ct, await Report.SheetsAsync(exporter, ct));

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var selection = await PlanData.SelectAsync(db, OrgId, ct, allInScope: true);
        if (selection is null) return NotFound();
        Report = await CandidatesReport.ComputeAsync(work, selection, ct);
        Head = new ReportTitle(await exporter.CommitteeAsync(ct), CandidatesReport.Heading,
            [$"(tính đến ngày {Shared.Dates.Text(Report.Today)})", selection.Name], exporter.Today);
        return null;
    }
}
