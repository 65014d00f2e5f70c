using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Reports;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Đảng viên dự bị with the recognition review's due date, printable and as .xlsx.</summary>
[RequirePermission(Permission.ViewPlan)]
public class ProbationModel(AppDbContext db, RuleBookProvider rules, CalendarService calendars, Exporter exporter) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }

    public ProbationReport Report { get; private set; } = null!;
    public ReportTitle Head { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => await LoadAsync(ct)
        ?? await exporter.FileAsync(ProbationReport.Heading, exporter.Dated("dang-vien-du-bi"), Report.Rows.Count, ct, await Report.SheetAsync(exporter, ct));

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var selection = await PlanData.SelectAsync(db, OrgId, ct, allInScope: true);
        if (selection is null) return NotFound();
        Report = await ProbationReport.ComputeAsync(db, await rules.GetAsync(ct), await calendars.GetAsync(ct), selection, exporter.Today, ct);
        Head = new ReportTitle(await exporter.CommitteeAsync(ct), ProbationReport.Heading,
            [$"(tính đến ngày {Shared.Dates.Text(Report.Today)})", selection.Name], exporter.Today);
        return null;
    }

    /// <summary>The member list of the same organisation on "Dự bị": the list this report's count opens.</summary>
    public string MembersLink => "/Members?" + (Report.Selection.OrgId is { } id ? $"OrgId={id}&" : "") + $"Status={Core.People.MemberStatus.Probationary}";
}
