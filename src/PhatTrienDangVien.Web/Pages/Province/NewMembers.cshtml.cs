using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Pages.Reports;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Province;
using PhatTrienDangVien.Web.Reports;

namespace PhatTrienDangVien.Web.Pages.Province;

/// <summary>
/// Kết nạp đảng viên mới toàn tỉnh: the new members of a month, quarter or year, commune by commune, with the parts
/// the structure report counts; each commune opens its own report of the same period. No "current term": the
/// communes' terms need not start on the same day.
/// </summary>
[RequirePermission(Permission.ViewProvince)]
public class NewMembersModel(ProvinceNewMembers report, AppDbContext db, Exporter exporter) : PageModel
{
    public const string Heading = "Kết quả kết nạp đảng viên mới";

    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Kỳ báo cáo")] public string Period { get; set; } = ReportPeriod.Year;
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }
    [BindProperty(SupportsGet = true)] public bool Archived { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public ReportPeriod Range { get; private set; } = null!;
    public List<ProvinceNewMembers.Row> Rows { get; private set; } = [];
    public ProvinceNewMembers.Row Total { get; private set; } = null!;
    public ReportTitle Head { get; private set; } = null!;

    public static readonly IReadOnlyList<Field<ProvinceNewMembers.Row>> Fields =
    [
        new("Đảng bộ xã", r => r.Name + (r.Archived ? " (đã lưu trữ)" : "")),
        new("Đảng viên mới", r => r.Count, ColumnFormat.Number),
        new("Nữ", r => r.Women, ColumnFormat.Number),
        new("Trẻ (18–30 tuổi)", r => r.Young, ColumnFormat.Number),
        new("Dân tộc thiểu số", r => r.EthnicMinority, ColumnFormat.Number),
        new("Có tôn giáo", r => r.Religious, ColumnFormat.Number),
        new("Đoàn viên", r => r.YouthUnion, ColumnFormat.Number),
        new("Học vấn 12/12", r => r.General12, ColumnFormat.Number),
        new("Ghi nhận từ sổ đảng viên", r => r.FromRegister, ColumnFormat.Number),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var sheet = await exporter.SheetAsync("Kết nạp toàn tỉnh", $"{Heading} {Range.Title}", [Range.Window, Archived ? "kể cả Đảng bộ xã đã lưu trữ" : null],
            [new Column(Exporter.Number, ColumnFormat.Number), .. Fields.Select(f => new Column(f.Header, f.Format))], ct, Exporter.ProvinceCommittee);
        var n = 0;
        sheet.Rows.AddRange(Rows.Select(r => (object?[])[++n, .. Fields.Select(f => f.Value(r))]));
        // The province's line as the totals row, as on the page (not one more commune).
        sheet.Totals = [null, .. Fields.Select(f => f.Value(Total))];
        return await exporter.FileAsync(Heading, $"ket-nap-toan-tinh-{Range.Slug}.xlsx", Rows.Count, ct, sheet);
    }

    /// <summary>The commune's own report of the same period, opened by looking into the commune.</summary>
    public string CommuneReport => $"/Reports/NewMembers?Period={Uri.EscapeDataString(Range.Kind)}&Year={Range.From.Year}"
        + (Range.Number is { } n ? $"&Number={n}" : "");

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var period = await ReportPeriod.ReadAsync(db, ModelState, Period, Year, Number, exporter.Today, ct, withTerm: false);
        if (period is null) return BadRequest();
        Range = period;
        var rows = await report.RowsAsync(period, Archived, ct);
        Total = ProvinceNewMembers.Row.Total(rows, $"Toàn tỉnh ({Numbers.Show(rows.Count)} xã)");
        var vi = Lookups.Collator;
        IOrderedEnumerable<ProvinceNewMembers.Row> sorted = Query.Sort?.ToLowerInvariant() switch
        {
            "count" => rows.OrderBy(r => r.Count),
            "women" => rows.OrderBy(r => r.Women),
            "young" => rows.OrderBy(r => r.Young),
            "minority" => rows.OrderBy(r => r.EthnicMinority),
            "religious" => rows.OrderBy(r => r.Religious),
            "youth-union" => rows.OrderBy(r => r.YouthUnion),
            "general" => rows.OrderBy(r => r.General12),
            "register" => rows.OrderBy(r => r.FromRegister),
            _ => rows.OrderBy(r => r.Name, vi),
        };
        Rows = [.. sorted.ThenBy(r => r.Name, vi)];
        if (Query.Desc) Rows.Reverse();
        Head = new ReportTitle(Exporter.ProvinceCommittee, $"{Heading} {period.Title}", [$"({period.Window.ToLowerInvariant()})"], exporter.Today);
        return null;
    }
}
