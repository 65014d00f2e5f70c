using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Pages.Dashboard;

/// <summary>One of the dashboard's "where we are weak" figures as a list, computed by the same <see cref="Planning.Gaps"/>.</summary>
[RequirePermission(Permission.ViewPlan)]
public class GapsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Loại khoảng trống")] public string Kind { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Threshold { get; set; }

    public string OrgName { get; private set; } = "";
    public string Title { get; private set; } = "";
    public TermYear Year { get; private set; } = null!;
    public Planning.Gaps Gaps { get; private set; } = null!;
    public IReadOnlyList<Planning.Gaps.CellGap> CellRows { get; private set; } = [];
    public IReadOnlyList<Planning.Gaps.HamletGap> HamletRows { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> SchoolRows { get; private set; } = [];
    public int Count => CellRows.Count + HamletRows.Count + SchoolRows.Count;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The same list as the page, as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var hamlets = Kind == "thin-hamlets";
        var schools = Kind == "schools-without-cell";
        IReadOnlyList<Export.Column> columns = hamlets
            ? [new(Export.Exporter.Number, Export.ColumnFormat.Number), new("Ấp"), new("Đảng viên", Export.ColumnFormat.Number), new("Số dân", Export.ColumnFormat.Number), new("Đảng viên / 1.000 dân", Export.ColumnFormat.Number)]
            : schools ? [new(Export.Exporter.Number, Export.ColumnFormat.Number), new("Trường")]
            : [new(Export.Exporter.Number, Export.ColumnFormat.Number), new("Chi bộ"), new("Quần chúng trong nguồn", Export.ColumnFormat.Number), new($"Đã kết nạp năm {Year.Year}", Export.ColumnFormat.Number)];
        var filter = hamlets ? "Ấp của cả xã" : schools ? "Trường trong sổ trường học của xã"
            : $"Chi bộ của {OrgName}" + (Kind == "no-admission" ? $"; không có ai có ngày lễ kết nạp từ {Pages.Shared.Dates.Text(Year.First)} đến {Pages.Shared.Dates.Text(Year.Last)}" : "");
        var sheet = await exporter.SheetAsync("Danh sách", Title, [filter], columns, ct);
        sheet.Rows.AddRange(hamlets ? HamletRows.Select((h, i) => new object?[] { i + 1, h.Name, h.Members, h.Population, h.PerThousand is { } x ? Math.Round(x, 1) : null })
            : schools ? SchoolRows.Select((x, i) => new object?[] { i + 1, x.Name })
            : CellRows.Select((c, i) => new object?[] { i + 1, c.Name, c.Candidates, c.AdmittedThisYear }));
        sheet.Totals = [null, $"Tổng số: {Count}", .. Enumerable.Repeat<object?>(null, columns.Count - 2)];
        return await exporter.FileAsync(Title, exporter.Dated($"danh-sach-{Kind}"), Count, ct, sheet);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var selection = await PlanData.SelectAsync(db, OrgId, ct);
        if (selection is null) return false;
        OrgName = selection.Selected.Name;
        var today = Core.Common.VietnamTime.Today(clock);
        Year = PlanData.ThisYear(await PlanData.CurrentTermAsync(db, today, ct), today);
        var threshold = Planning.Gaps.ReadThreshold(Threshold);
        Gaps = await Planning.Gaps.ComputeAsync(db, selection.CellIds, Year.First, Year.Last, threshold, ct);
        switch (Kind)
        {
            case "thin-hamlets":
                Title = $"Ấp không có hoặc ít đảng viên (dưới {threshold.ToString("0.#", Pages.Shared.Lookups.Vietnamese)} đảng viên / 1.000 dân)";
                HamletRows = Gaps.ThinHamlets;
                break;
            case "no-admission":
                Title = $"Chi bộ chưa kết nạp ai năm {Year.Year}";
                CellRows = Gaps.CellsWithoutAdmission;
                break;
            case "no-candidates":
                Title = "Chi bộ không có quần chúng trong nguồn";
                CellRows = Gaps.CellsWithoutCandidates;
                break;
            case "school-cells":
                Title = "Chi bộ trường học chưa có quần chúng trong nguồn";
                CellRows = Gaps.SchoolCellsWithoutCandidates;
                break;
            case "schools-without-cell":
                Title = "Trường học chưa có chi bộ";
                SchoolRows = Gaps.SchoolsWithoutCell;
                break;
            default:
                return false;
        }
        return true;
    }
}
