using PhatTrienDangVien.Core.Planning;
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

    /// <summary>The counted columns: their sort key, heading and figure (the page, the sort and the Excel read this one list).</summary>
    public static readonly IReadOnlyList<(string Key, string Label, Func<NewMemberCounts, int> Value)> Columns =
    [
        ("count", "Đảng viên mới", c => c.Count), ("women", "Nữ", c => c.Women), ("young", "Trẻ (18–30 tuổi)", c => c.Young),
        ("minority", "Dân tộc thiểu số", c => c.EthnicMinority), ("religious", "Có tôn giáo", c => c.Religious), ("youth-union", "Đoàn viên", c => c.YouthUnion),
        ("general", "Học vấn 12/12", c => c.General12), ("register", "Ghi nhận từ sổ đảng viên", c => c.FromRegister),
    ];

    public static readonly IReadOnlyList<Field<ProvinceNewMembers.Row>> Fields =
    [
        new("Đảng bộ xã", r => r.Name + (r.Archived ? " (đã lưu trữ)" : "")),
        .. Columns.Select(c => new Field<ProvinceNewMembers.Row>(c.Label, r => c.Value(r.Counts), ColumnFormat.Number)),
    ];

    /// <summary>The sort (and the archived filter) as fields of the other forms of the page, which keep them.</summary>
    public IEnumerable<KeyValuePair<string, string>> Kept(bool withArchived)
    {
        if (withArchived && Archived) yield return new("Archived", "true");
        if (Query.Sort is { Length: > 0 } sort) yield return new("q.Sort", sort);
        if (Query.Desc) yield return new("q.Desc", "true");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var sheet = await exporter.SheetAsync("Kết nạp toàn tỉnh", $"{Heading} {Range.Title}", [Range.Window, Archived ? "kể cả Đảng bộ xã đã lưu trữ" : null],
            [new Column(Exporter.Number, ColumnFormat.Number), .. Fields.Select(f => new Column(f.Header, f.Format))], ct, exporter.ProvinceCommittee);
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
        var column = Columns.FirstOrDefault(c => string.Equals(c.Key, Query.Sort, StringComparison.OrdinalIgnoreCase));
        var sorted = column.Value is { } value ? rows.OrderBy(r => value(r.Counts)) : rows.OrderBy(r => r.Name, vi);
        Rows = [.. sorted.ThenBy(r => r.Name, vi)];
        if (Query.Desc) Rows.Reverse();
        Head = new ReportTitle(exporter.ProvinceCommittee, $"{Heading} {period.Title}", [$"({period.Window.ToLowerInvariant()})"], exporter.Today);
        return null;
    }
}
