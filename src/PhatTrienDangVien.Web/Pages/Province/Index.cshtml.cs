using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Province;

namespace PhatTrienDangVien.Web.Pages.Province;

/// <summary>
/// The province board's dashboard: the communes side by side (attainment, pace, this year, forecast, gaps, overdue
/// steps), sortable, with the province's totals; each commune opens its own dashboard, read only.
/// </summary>
[RequirePermission(Permission.ViewProvince)]
public class IndexModel(ProvinceFigures province, AppDbContext db, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ProvinceOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();
    [BindProperty(SupportsGet = true)] public bool Archived { get; set; }
    /// <summary>The commune's page the board asked for before choosing a commune (<see cref="ProvinceChoiceFilter"/>):
    /// choosing one opens it. Only a path of this site.</summary>
    [BindProperty(SupportsGet = true, Name = "to")] public string? Then { get; set; }
    public string? ThenLocal => Then is { Length: > 0 } && Url.IsLocalUrl(Then) ? Then : null;

    public List<ProvinceFigures.Row> Rows { get; private set; } = [];
    public ProvinceFigures.Totals Total { get; private set; } = null!;
    /// <summary>The province's line: how many communes it adds up, and how many of them are archived (when shown).</summary>
    public string TotalLabel => $"Toàn tỉnh ({Numbers.Show(Total.Communes)} xã"
        + (Rows.Count(r => r.Archived) is > 0 and var archived ? $", trong đó {Numbers.Show(archived)} đã lưu trữ)" : ")");

    /// <summary>The printed page's heading, as the exported sheet's.</summary>
    public Reports.ReportTitle Head => new(options.Value.ReportCommittee, Export.Exporter.Heading("Đảng bộ xã của tỉnh"),
        Archived ? ["kể cả Đảng bộ xã đã lưu trữ"] : [], Core.Common.VietnamTime.Today(clock));
    /// <summary>The commune being looked into, if any.</summary>
    public int? Viewing => db.Scope.CommuneId > 0 ? db.Scope.CommuneId : null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public static readonly IReadOnlyList<Field<ProvinceFigures.Row>> Fields =
    [
        new("Đảng bộ xã", r => r.Name + (r.Archived ? " (đã lưu trữ)" : "")),
        new("Đảng viên", r => r.Members, ColumnFormat.Number),
        new("Chỉ tiêu nhiệm kỳ", r => r.TermTarget, ColumnFormat.Number),
        new("Đã kết nạp trong nhiệm kỳ", r => r.AdmittedInTerm, ColumnFormat.Number),
        new("Tỷ lệ đạt", r => r.Attainment, ColumnFormat.Percent),
        new("Cần có đến hôm nay", r => r.ExpectedByToday, ColumnFormat.Number),
        new("Chỉ tiêu năm", r => r.YearTarget, ColumnFormat.Number),
        new("Kết nạp năm nay", r => r.AdmittedThisYear, ColumnFormat.Number),
        new("Dự báo cả nhiệm kỳ (giữa khoảng)", r => r.ForecastMid, ColumnFormat.Number),
        new("Khả năng đạt chỉ tiêu", r => r.Chance, ColumnFormat.Percent),
        new("Quần chúng đang theo dõi", r => r.Pool, ColumnFormat.Number),
        new("Chi bộ chưa có quần chúng ưu tú", r => r.CellsWithoutCandidates, ColumnFormat.Number),
        new("Chi bộ chưa kết nạp năm nay", r => r.CellsWithoutAdmission, ColumnFormat.Number),
        new("Ấp ít đảng viên", r => r.ThinHamlets, ColumnFormat.Number),
        new("Bước quá hạn", r => r.Overdue, ColumnFormat.Number),
    ];

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Exporter exporter, CancellationToken ct)
    {
        await LoadAsync(ct);
        // The province's line last, as on the page.
        var t = Total;
        var total = new ProvinceFigures.Row(0, TotalLabel, false, t.Members, t.TermTarget, t.AdmittedInTerm, t.ExpectedByToday, null,
            t.YearTarget, t.AdmittedThisYear, null, null, t.ForecastMid, null, true, t.Pool, t.CellsWithoutCandidates, t.CellsWithoutAdmission, t.ThinHamlets, t.Overdue);
        // A sheet of its own: the list's numbered rows, and the province's line as its totals (not one more commune).
        var sheet = await exporter.SheetAsync("Đảng bộ xã của tỉnh", Exporter.Heading("Đảng bộ xã của tỉnh"), [Archived ? "kể cả Đảng bộ xã đã lưu trữ" : null],
            [new Column(Exporter.Number, ColumnFormat.Number), .. Fields.Select(f => new Column(f.Header, f.Format))], ct, exporter.ProvinceCommittee);
        var n = 0;
        sheet.Rows.AddRange(Rows.Select(r => (object?[])[++n, .. Fields.Select(f => f.Value(r))]));
        sheet.Totals = [null, .. Fields.Select(f => f.Value(total))];
        return await exporter.FileAsync("Đảng bộ xã của tỉnh", exporter.Dated("cac-xa"), Rows.Count, ct, sheet);
    }

    /// <summary>Looks into one commune: its own pages, read only, until another is chosen.</summary>
    /// <param name="to">The commune's page to open (its own report of the same period); its dashboard by default.</param>
    public async Task<IActionResult> OnPostViewAsync(int id, string? to, CancellationToken ct)
    {
        if (!await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(Communes.All(db), o => o.Id == id, ct)) return NotFound();
        ProvinceView.Choose(Response, id);
        return LocalRedirect(to is { Length: > 0 } && Url.IsLocalUrl(to) ? to : "/Dashboard");
    }

    /// <summary>Stops looking into a commune: back to the province's table.</summary>
    public IActionResult OnPostLeave()
    {
        ProvinceView.Leave(Response);
        return Redirect("/Province");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await province.RowsAsync(Archived, ct);
        Total = ProvinceFigures.Totals.Of(rows);
        var vi = Lookups.Collator;
        IOrderedEnumerable<ProvinceFigures.Row> sorted = Query.Sort?.ToLowerInvariant() switch
        {
            "members" => rows.OrderBy(r => r.Members),
            "attainment" => rows.OrderBy(r => r.Attainment ?? -1),
            "pace" => rows.OrderBy(r => r.AdmittedInTerm - (r.ExpectedByToday ?? r.AdmittedInTerm)),
            "year" => rows.OrderBy(r => r.AdmittedThisYear - (r.YearTarget ?? r.AdmittedThisYear)),
            "chance" => rows.OrderBy(r => r.Chance ?? -1),
            "pool" => rows.OrderBy(r => r.Pool),
            "gaps" => rows.OrderBy(r => r.CellsWithoutCandidates + r.CellsWithoutAdmission + r.ThinHamlets),
            "overdue" => rows.OrderBy(r => r.Overdue),
            _ => rows.OrderBy(r => r.Name, vi),
        };
        Rows = [.. sorted.ThenBy(r => r.Name, vi)];
        if (Query.Desc) Rows.Reverse();
    }
}
