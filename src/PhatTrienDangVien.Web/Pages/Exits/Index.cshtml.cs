using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Exits;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Planning;
using Row = PhatTrienDangVien.Web.Exits.ExitReads.Row;

namespace PhatTrienDangVien.Web.Pages.Exits;

/// <summary>
/// Biến động đảng viên: the term's admissions, exits and net change per year (each figure a link to its list), and
/// the list of who left and why, the proposals awaiting a decision and those not approved (plan point P10).
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public ExitReads.Show Show { get; set; }
    [BindProperty(SupportsGet = true)] public ExitKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public string OrgName { get; private set; } = "";
    public DateOnly First { get; private set; }
    public DateOnly Last { get; private set; }
    public ExitReads.Figures? Figures { get; private set; }
    public PageResult<Row> Result { get; private set; } = null!;
    public string? FilterError { get; private set; }

    public static readonly IReadOnlyList<Export.Field<Row>> Fields =
    [
        new("Họ và tên", r => r.FullName), new("Chi bộ", r => r.Cell), new("Hình thức", r => ExitWords.Kind(r.Kind)),
        new("Căn cứ, lý do", r => Because(r)), new("Tình trạng", r => ExitWords.Status(r.Status)),
        new("Ngày chi bộ đề nghị", r => r.ProposedOn, Export.ColumnFormat.Date), new("Số nghị quyết chi bộ", r => r.ProposalNumber),
        new("Ngày quyết định / chuyển đi / mất", r => r.On, Export.ColumnFormat.Date), new("Số quyết định", r => r.DecisionNumber),
        new("Cấp quyết định", r => r.DecidingBody), new("Nơi chuyển đến", r => r.Destination),
        new("Không xem xét kết nạp lại", r => r.BarsReadmission ? "x" : ""),
        new("Ghi nhận", r => r.FromRegister ? "Từ sổ đảng viên" : r.FromProcedure ? "Quá trình kết nạp" : "Qua phần mềm"),
    ];

    /// <summary>The grounds and the facts, in one cell of the list.</summary>
    public static string Because(Row r) =>
        string.Join(". ", new[] { r.Ground is { } g ? ExitWords.Ground(g) : null, r.Reason }.Where(x => !string.IsNullOrEmpty(x)));

    public async Task<IActionResult> OnGetAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        if (rows is null) return NotFound();
        if (Query.Print) (await exporter.PrintAsync(ListName, FilterText, "người", ct)).Put(ViewData);
        if (FilterError is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        Result = new PageResult<Row>(Sorted(rows).Skip(Query.Skip).Take(Query.Size).ToList(), rows.Count, Query);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        var rows = await LoadAsync(ct);
        if (rows is null) return NotFound();
        return await exporter.ListAsync(ListName, "ra-khoi-dang", FilterText, Fields, Sorted(rows).ToList(), ct);
    }

    public string ListName => Show switch
    {
        ExitReads.Show.Pending => "Đề nghị xóa tên, cho ra khỏi Đảng chờ quyết định",
        ExitReads.Show.NotApproved => "Đề nghị không được cấp trên đồng ý",
        _ => "Đảng viên ra khỏi danh sách",
    };

    private string FilterText => Show == ExitReads.Show.Pending
        ? $"{OrgName}" + (Kind is { } k ? "; " + ExitWords.Kind(k) : "")
        : $"{OrgName}; từ ngày {Dates.Text(First)} đến ngày {Dates.Text(Last)}" + (Kind is { } k2 ? "; " + ExitWords.Kind(k2) : "");

    private async Task<List<Row>?> LoadAsync(CancellationToken ct)
    {
        var selection = await PlanData.SelectAsync(db, OrgId, ct, allInScope: true);
        if (selection is null) return OrgId is null ? [] : null;
        OrgName = selection.Name;
        var today = Core.Common.VietnamTime.Today(clock);
        Figures = await ExitReads.FiguresAsync(db, selection.CellIds, today, ct);
        First = From ?? Figures?.Term.Start ?? new DateOnly(today.Year, 1, 1);
        Last = To ?? Figures?.Term.End ?? new DateOnly(today.Year, 12, 31);
        if (!Enum.IsDefined(Show)) { FilterError = "Danh sách trong địa chỉ không có; dưới đây là người đã ra khỏi danh sách."; Show = ExitReads.Show.Left; }
        if (Kind is { } k && !Enum.IsDefined(k)) { FilterError = "Hình thức trong địa chỉ không có trong danh mục; danh sách dưới đây là tất cả."; Kind = null; }
        if (First > Last)
        {
            FilterError = $"Ngày bắt đầu ({Dates.Text(First)}) sau ngày kết thúc ({Dates.Text(Last)}): hãy chọn lại khoảng thời gian.";
            return [];
        }
        return await ExitReads.ListAsync(db, selection.CellIds, First, Last, Show, Kind, ct);
    }

    /// <summary>The address of the list behind a figure.</summary>
    public string Link(DateOnly first, DateOnly last, MemberStatus? how = null) =>
        $"/Exits?From={first:yyyy-MM-dd}&To={last:yyyy-MM-dd}" + (how is { } h ? $"&Kind={ExitReads.KindOf(h)}" : "") + (OrgId is { } o ? $"&OrgId={o}" : "");

    public string AdmittedLink(DateOnly first, DateOnly last) =>
        $"/Dashboard/Admitted?From={first:yyyy-MM-dd}&To={last:yyyy-MM-dd}" + (OrgId is { } o ? $"&OrgId={o}" : "");

    private IEnumerable<Row> Sorted(IEnumerable<Row> rows) => (Query.Sort?.ToLowerInvariant(), Query.Desc) switch
    {
        ("name", false) => rows.OrderBy(r => r.NameSortKey, StringComparer.Ordinal).ThenBy(r => r.MemberId),
        ("name", true) => rows.OrderByDescending(r => r.NameSortKey, StringComparer.Ordinal).ThenBy(r => r.MemberId),
        ("cell", false) => rows.OrderBy(r => r.Cell, Lookups.Collator).ThenBy(r => r.NameSortKey, StringComparer.Ordinal),
        ("cell", true) => rows.OrderByDescending(r => r.Cell, Lookups.Collator).ThenBy(r => r.NameSortKey, StringComparer.Ordinal),
        ("kind", false) => rows.OrderBy(r => r.Kind).ThenBy(r => r.On ?? r.ProposedOn),
        ("kind", true) => rows.OrderByDescending(r => r.Kind).ThenBy(r => r.On ?? r.ProposedOn),
        (_, true) => rows.OrderByDescending(r => r.On ?? r.ProposedOn).ThenBy(r => r.MemberId),
        _ => rows.OrderBy(r => r.On ?? r.ProposedOn).ThenBy(r => r.MemberId),
    };
}
