using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Inspections;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Inspections;

/// <summary>
/// Kiểm tra, giám sát công tác phát triển đảng viên (plan point P11): for a year and a cell (or all in scope), what was
/// planned, held, found and corrected — each figure a link to the list it counts — and the list itself.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, TimeProvider clock, FigureCache figures) : PageModel
{
    /// <summary>Which list the page shows under the figures.</summary>
    public enum View { Plan, Findings, Actions }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    /// <summary>A sub-committee (or the commune) the dashboard's figures were counted for: its cells only.</summary>
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    public Planning.PlanData.OrgFilter? Org { get; private set; }
    [BindProperty(SupportsGet = true)] public View Show { get; set; }
    /// <summary>Plan lines held (true), not yet held (false) or all.</summary>
    [BindProperty(SupportsGet = true)] public bool? Held { get; set; }
    /// <summary>Findings only that no corrective action was assigned to.</summary>
    [BindProperty(SupportsGet = true)] public bool Unassigned { get; set; }
    [BindProperty(SupportsGet = true)] public InspectionReads.ActionFilter Actions { get; set; }

    public int TheYear { get; private set; }
    public DateOnly Today { get; private set; }
    public List<(int Id, string Name)> Cells { get; private set; } = [];
    public string Scope => CellId is { } c ? Cells.FirstOrDefault(x => x.Id == c).Name ?? "" : Org?.Described ?? "các chi bộ";
    public InspectionReads.Figures Figures { get; private set; } = null!;
    public IReadOnlyList<InspectionReads.PlanRow> Plan { get; private set; } = [];
    public List<InspectionReads.FindingRow> FindingRows { get; private set; } = [];
    public IReadOnlyList<InspectionReads.ActionRow> ActionRows { get; private set; } = [];
    public string? FilterError { get; private set; }

    public static readonly IReadOnlyList<Export.Field<InspectionReads.PlanRow>> PlanFields =
    [
        new("Chi bộ", r => r.Cell), new("Hình thức", r => InspectionWords.Kind(r.Item.Kind)), new("Nội dung", r => r.Item.Topic),
        new("Từ ngày", r => r.Item.From, Export.ColumnFormat.Date), new("Đến ngày", r => r.Item.To, Export.ColumnFormat.Date), new("Đoàn kiểm tra", r => r.Item.Team),
        new("Ngày làm việc", r => string.Join("; ", r.Sessions.Select(s => Dates.Text(s.Date)))), new("Phát hiện", r => r.Findings),
        new("Việc khắc phục chưa xong", r => r.OpenActions), new("Trong đó quá hạn", r => r.OverdueActions),
    ];

    public static readonly IReadOnlyList<Export.Field<InspectionReads.ActionRow>> ActionFields =
    [
        new("Chi bộ", r => r.Cell), new("Phát hiện", r => r.Finding), new("Ngày kiểm tra", r => r.SessionDate, Export.ColumnFormat.Date),
        new("Việc khắc phục", r => r.Action.Task), new("Người chịu trách nhiệm", r => r.Action.Owner), new("Hạn", r => r.Action.DueDate, Export.ColumnFormat.Date),
        new("Tình trạng", r => CorrectiveActions.Name(r.Action.Status)), new("Ngày hoàn thành", r => r.Action.DoneOn, Export.ColumnFormat.Date),
        new("Kết quả, văn bản chứng minh", r => r.Action.Evidence), new("Lý do hủy", r => r.Action.CancelReason),
    ];

    public static readonly IReadOnlyList<Export.Field<InspectionReads.FindingRow>> FindingFields =
    [
        new("Chi bộ", r => r.Cell), new("Ngày kiểm tra", r => r.SessionDate, Export.ColumnFormat.Date), new("Phát hiện", r => r.Finding.Text),
        new("Mục bảng kiểm", r => r.Finding.Check is { } k ? CaseChecklist.Name(k) : ""), new("Hồ sơ", r => r.CaseName),
        new("Việc khắc phục", r => string.Join("; ", r.Actions.Select(a => $"{a.Task} ({CorrectiveActions.Name(a.Status).ToLowerInvariant()})"))),
    ];

    public async Task<IActionResult> OnGetAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (FilterError is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        await LoadAsync(ct);
        var filter = $"{Scope}; năm {TheYear}";
        return Show switch
        {
            View.Actions => await exporter.ListAsync(ListName, "viec-khac-phuc", filter, ActionFields, ActionRows, ct),
            View.Findings => await exporter.ListAsync(ListName, "phat-hien-kiem-tra", filter, FindingFields, FindingRows, ct),
            _ => await exporter.ListAsync(ListName, "ke-hoach-kiem-tra", filter, PlanFields, Plan, ct),
        };
    }

    public string ListName => Show switch
    {
        View.Actions => Actions switch
        {
            InspectionReads.ActionFilter.Overdue => "Việc khắc phục quá hạn",
            InspectionReads.ActionFilter.Done => "Việc đã khắc phục",
            InspectionReads.ActionFilter.Cancelled => "Việc khắc phục đã hủy",
            InspectionReads.ActionFilter.All => "Tất cả việc khắc phục",
            _ => "Việc khắc phục chưa xong",
        },
        View.Findings => Unassigned ? "Phát hiện chưa giao việc khắc phục" : "Phát hiện kiểm tra, giám sát",
        _ => Held switch { true => "Chi bộ đã được kiểm tra, giám sát", false => "Kế hoạch chưa thực hiện", _ => "Kế hoạch kiểm tra, giám sát" },
    };

    /// <summary>The address of a list on this page, keeping the year and the cell.</summary>
    public string Link(View show, bool? held = null, InspectionReads.ActionFilter? actions = null, bool unassigned = false) =>
        $"/Inspections?Year={TheYear}" + (CellId is { } c ? $"&CellId={c}" : OrgId is { } o ? $"&OrgId={o}" : "") + $"&Show={show}"
        + (held is { } h ? $"&Held={(h ? "true" : "false")}" : "") + (actions is { } a ? $"&Actions={a}" : "") + (unassigned ? "&Unassigned=true" : "");

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = Core.Common.VietnamTime.Today(clock);
        TheYear = Year ?? Today.Year;
        if (TheYear is < 2000 or > 2100) { FilterError = $"Năm {TheYear} không hợp lệ; dưới đây là năm {Today.Year}."; TheYear = Today.Year; }
        if (!Enum.IsDefined(Show)) { FilterError = "Danh sách trong địa chỉ không có; dưới đây là kế hoạch."; Show = View.Plan; }
        if (!Enum.IsDefined(Actions)) { FilterError = "Danh sách trong địa chỉ không có; dưới đây là việc khắc phục chưa xong."; Actions = InspectionReads.ActionFilter.Open; }
        Cells = await Lookups.CellChoicesAsync(db, InspectionReads.InspectedCells(db), ct);
        if (CellId is { } cell && Cells.All(c => c.Id != cell)) { FilterError = "Chi bộ trong địa chỉ không có trong phạm vi được giao; dưới đây là tất cả."; CellId = null; }
        (var found, Org) = await Planning.PlanData.ListFilterAsync(db, CellId is null ? OrgId : null, ct);
        if (!found) { FilterError = "Tổ chức trong địa chỉ không có trong phạm vi được giao; dưới đây là tất cả."; OrgId = null; }
        IReadOnlyCollection<int> cellIds = CellId is { } one ? [one] : [.. Cells.Select(c => c.Id).Where(c => Org is null || Org.CellIds.Contains(c))];
        (Plan, var allActions) = await InspectionReads.YearAsync(figures, db, cellIds, TheYear, Today, ct);
        Figures = InspectionReads.Count(Plan, allActions, Today);
        if (Held is { } h) Plan = [.. Plan.Where(p => p.Held == h)];
        ActionRows = Actions switch
        {
            InspectionReads.ActionFilter.All => allActions,
            InspectionReads.ActionFilter.Open => [.. allActions.Where(a => !CorrectiveActions.IsClosed(a.Action.Status))],
            InspectionReads.ActionFilter.Overdue => [.. allActions.Where(a => a.IsOverdue(Today))],
            InspectionReads.ActionFilter.Done => [.. allActions.Where(a => a.Action.Status == ActionStatus.Done)],
            _ => [.. allActions.Where(a => a.Action.Status == ActionStatus.Cancelled)],
        };
        if (Show == View.Findings) FindingRows = [.. (await InspectionReads.FindingsAsync(db, cellIds, TheYear, ct)).Where(f => !Unassigned || f.Actions.Count == 0)];
    }
}
