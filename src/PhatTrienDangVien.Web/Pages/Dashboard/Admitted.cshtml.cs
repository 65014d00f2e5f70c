using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Pages.Dashboard;

/// <summary>
/// The people behind an "admitted" figure: those whose admission ceremony in the register falls in the window, in the
/// organisation's cells, optionally one part of them (women, young, a source…), read by the same query and the same
/// test as the figure (<see cref="PlanData.NewMembersAsync"/>, <see cref="NewMemberFacets"/>).
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class AdmittedModel(AppDbContext db, TimeProvider clock, Auditing.AccessTrail trail) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Facet { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public string OrgName { get; private set; } = "";
    public string? FacetText { get; private set; }
    public DateOnly First { get; private set; }
    public DateOnly Last { get; private set; }
    public PageResult<Row> Result { get; private set; } = null!;
    public int FromRegister { get; private set; }
    /// <summary>What was wrong with the filter in the address, in Vietnamese; the list is then empty.</summary>
    public string? FilterError { get; private set; }

    public sealed record Row(int MemberId, int? CandidateId, string FullName, Gender Gender, DateOnly DateOfBirth, string Cell, DateOnly AdmittedOn,
        MemberStatus Status, bool FromRegister, string NameSortKey, DatePrecision DateOfBirthPrecision = DatePrecision.Day);

    public async Task<IActionResult> OnGetAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        if (rows is null) return NotFound();
        if (Query.Print) (await exporter.PrintAsync(List, FilterText, "đảng viên", ct)).Put(ViewData);
        FromRegister = rows.Count(r => r.FromRegister);
        if (FilterError is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        Result = new PageResult<Row>(Sorted(rows).Skip(Query.Skip).Take(Query.Size).ToList(), rows.Count, Query);
        return Page();
    }

    public static readonly IReadOnlyList<Export.Field<Row>> Fields =
    [
        new("Họ và tên", r => r.FullName), new("Giới tính", r => Lookups.GenderName(r.Gender)),
        new("Ngày sinh", r => Dates.Cell(r.DateOfBirth, r.DateOfBirthPrecision), Export.ColumnFormat.Date), new("Chi bộ", r => r.Cell),
        new("Ngày lễ kết nạp", r => r.AdmittedOn, Export.ColumnFormat.Date), new("Tình trạng hiện nay", r => Lookups.StatusName(r.Status)),
        new("Ghi nhận", r => r.FromRegister ? "Từ sổ đảng viên" : "Qua phần mềm"),
    ];

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        if (rows is null) return NotFound();
        await trail.ExportedAsync("Đảng viên mới kết nạp", rows.Count, ct);
        return File(Export.Exporter.Csv(Fields, Sorted(rows)), "text/csv", Export.Exporter.DatedName("dang-vien-moi", Core.Common.VietnamTime.Today(clock), "csv"));
    }

    /// <summary>The same rows as the page (every page of it), in the page's order, as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        if (rows is null) return NotFound();
        return await exporter.ListAsync(List, "dang-vien-moi", FilterText, Fields, Sorted(rows).ToList(), ct);
    }

    private const string List = "Đảng viên mới kết nạp";

    /// <summary>The filters in words (after <see cref="LoadAsync"/>), for the file's title rows and the print view's head.</summary>
    private string FilterText => $"{OrgName}; kết nạp từ ngày {Dates.Text(First)} đến ngày {Dates.Text(Last)}" + (FacetText is null ? "" : "; " + FacetText);

    private async Task<List<Row>?> LoadAsync(CancellationToken ct)
    {
        var selection = await PlanData.SelectAsync(db, OrgId, ct, allInScope: true);
        if (selection is null) return OrgId is null ? [] : null;
        OrgName = selection.Name;
        // Without a window: the current term so far.
        var today = Core.Common.VietnamTime.Today(clock);
        var term = await PlanData.CurrentTermAsync(db, today, ct);
        First = From ?? term?.Start ?? new DateOnly(today.Year, 1, 1);
        Last = To ?? term?.End ?? new DateOnly(today.Year, 12, 31);
        var sources = await db.SourceCategories.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Name, ct);
        FacetText = NewMemberFacets.Describe(Facet, code => sources.GetValueOrDefault(code));
        var part = NewMemberFacets.Parse(Facet);
        if (First > Last) FilterError = $"Ngày bắt đầu ({Dates.Text(First)}) sau ngày kết thúc ({Dates.Text(Last)}): hãy chọn lại khoảng thời gian.";
        else if (!string.IsNullOrEmpty(Facet) && (part is null || FacetText is null)) FilterError = "Nhóm đảng viên mới trong địa chỉ không có trong danh mục; danh sách dưới đây là tất cả.";
        if (First > Last) return [];
        var admitted = (await PlanData.NewMembersAsync(db, selection.CellIds, First, Last, ct)).Where(m => part is null || part(m)).ToList();
        var ids = admitted.Select(a => a.MemberId).ToList();
        var facts = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName, m.Person.NameSortKey, m.Status, Cell = m.Cell.Name, m.Person.DateOfBirthPrecision }).ToDictionaryAsync(m => m.Id, ct);
        return admitted.Select(a =>
        {
            var f = facts[a.MemberId];
            return new Row(a.MemberId, a.CandidateId, f.FullName, a.Gender, a.DateOfBirth, f.Cell, a.AdmittedOn, f.Status, a.FromRegister, f.NameSortKey, f.DateOfBirthPrecision);
        }).ToList();
    }

    private IEnumerable<Row> Sorted(IEnumerable<Row> rows) => (Query.Sort?.ToLowerInvariant(), Query.Desc) switch
    {
        ("name", false) => rows.OrderBy(r => r.NameSortKey, StringComparer.Ordinal).ThenBy(r => r.MemberId),
        ("name", true) => rows.OrderByDescending(r => r.NameSortKey, StringComparer.Ordinal).ThenBy(r => r.MemberId),
        ("cell", false) => rows.OrderBy(r => r.Cell, Lookups.Collator).ThenBy(r => r.NameSortKey, StringComparer.Ordinal),
        ("cell", true) => rows.OrderByDescending(r => r.Cell, Lookups.Collator).ThenBy(r => r.NameSortKey, StringComparer.Ordinal),
        (_, true) => rows.OrderByDescending(r => r.AdmittedOn).ThenBy(r => r.MemberId),
        _ => rows.OrderBy(r => r.AdmittedOn).ThenBy(r => r.MemberId),
    };
}
