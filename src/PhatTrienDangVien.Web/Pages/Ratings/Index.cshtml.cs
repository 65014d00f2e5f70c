using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Evaluations;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Ratings;

/// <summary>
/// Đánh giá, xếp loại chất lượng (plan point P12): for a year, each cell with its development results beside its score
/// and level, each member with theirs; the summary by level for the report upward, each count a link to its list.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, RatingReads reads, TimeProvider clock) : PageModel
{
    public enum View { Cells, Members }

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public View Show { get; set; }
    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    /// <summary>A sub-committee (or the commune) the dashboard's figures were counted for: its cells only.</summary>
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    public Planning.PlanData.OrgFilter? Org { get; private set; }
    /// <summary>One level only; "0" for those not yet rated.</summary>
    [BindProperty(SupportsGet = true)] public int? Level { get; set; }

    public int TheYear { get; private set; }
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);
    /// <summary>The day the development figures shown are taken (<see cref="RatingReads.FiguresDay"/>).</summary>
    public DateOnly FiguresDay => RatingReads.FiguresDay(TheYear, Today);
    public List<(int Id, string Name)> Cells { get; private set; } = [];
    public RatingSettings Settings { get; private set; } = new();
    public List<RatingReads.CellRow> CellRows { get; private set; } = [];
    public List<RatingReads.MemberRow> MemberRows { get; private set; } = [];
    public RatingReads.Summarised CellSummary { get; private set; }
    public RatingReads.Summarised MemberSummary { get; private set; }
    public string? CellCap { get; private set; }
    public string? MemberCap { get; private set; }
    public string? FilterError { get; private set; }

    public static readonly IReadOnlyList<Export.Field<RatingReads.CellRow>> CellFields =
    [
        new("Chi bộ", r => r.Cell), new("Chỉ tiêu kết nạp", r => r.Development?.Facts.Target), new("Đã kết nạp", r => r.Development?.Facts.Admitted),
        new("Quần chúng trong nguồn", r => r.Development?.Facts.Pool), new("Đã học lớp nhận thức", r => r.Development?.Facts.Trained),
        new("Bước quá hạn", r => r.Development?.Facts.Overdue), new("Chưa có người giúp đỡ", r => r.Development?.Facts.WithoutMentor),
        new("Điểm phát triển đảng viên", r => r.Points), new("Tự xếp loại", r => r.Rating?.SelfLevel is { } s ? QualityRatings.Name(s) : ""),
        new("Điểm", r => r.Rating?.Score), new("Xếp loại", r => r.Rating?.Level is { } l ? QualityRatings.Name(l) : "Chưa xếp loại"),
        new("Lý do xếp loại khác mức theo điểm", r => r.Rating?.OverrideReason),
    ];

    public static readonly IReadOnlyList<Export.Field<RatingReads.MemberRow>> MemberFields =
    [
        new("Họ và tên", r => r.FullName), new("Chi bộ", r => r.Cell), new("Mẫu kiểm điểm", r => r.Rating?.Form is { } f ? RatingWords.Form(f) : ""),
        new("Tự xếp loại", r => r.Rating?.SelfLevel is { } s ? QualityRatings.Name(s) : ""), new("Điểm", r => r.Rating?.Score),
        new("Xếp loại", r => r.Rating?.Level is { } l ? QualityRatings.Name(l) : "Chưa xếp loại"), new("Lý do xếp loại khác mức theo điểm", r => r.Rating?.OverrideReason),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (FilterError is not null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        await LoadAsync(ct);
        var filter = $"năm {TheYear}" + (LevelText is { } lt ? "; " + lt : "");
        return Show == View.Members
            ? await exporter.ListAsync($"Xếp loại chất lượng đảng viên năm {TheYear}", $"xep-loai-dang-vien-{TheYear}", filter, MemberFields, MemberRows, ct)
            : await exporter.ListAsync($"Xếp loại chất lượng chi bộ năm {TheYear}", $"xep-loai-chi-bo-{TheYear}", filter, CellFields, CellRows, ct);
    }

    public string? LevelText => Level switch { null => null, 0 => "chưa xếp loại", var l => Enum.IsDefined((RatingLevel)l!.Value) ? QualityRatings.Name((RatingLevel)l.Value).ToLowerInvariant() : null };

    public string Link(View show, int? level) =>
        $"/Ratings?Year={TheYear}&Show={show}" + (level is { } l ? $"&Level={l}" : "") + (show == View.Members && CellId is { } c ? $"&CellId={c}" : "")
        + (OrgId is { } o ? $"&OrgId={o}" : "");

    private bool Keeps(QualityRatingRecord? r) => Level switch
    {
        null => true,
        0 => r?.Level is null,
        var l => r?.Level is { } x && (int)x == l,
    };

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = Core.Common.VietnamTime.Today(clock);
        TheYear = Year ?? today.Year;
        if (TheYear < 2000 || TheYear > today.Year) { FilterError = $"Năm {TheYear} không hợp lệ; dưới đây là năm {today.Year}."; TheYear = today.Year; }
        if (!Enum.IsDefined(Show)) { FilterError = "Danh sách trong địa chỉ không có; dưới đây là các chi bộ."; Show = View.Cells; }
        if (Level is { } lv && lv != 0 && !Enum.IsDefined((RatingLevel)lv)) { FilterError = "Mức xếp loại trong địa chỉ không có; dưới đây là tất cả."; Level = null; }
        Cells = await Lookups.CellChoicesAsync(db, null, ct);
        if (CellId is { } cell && Cells.All(c => c.Id != cell)) { FilterError = "Chi bộ trong địa chỉ không có trong phạm vi được giao; dưới đây là tất cả."; CellId = null; }
        Settings = await reads.SettingsAsync(ct);
        (var found, Org) = await Planning.PlanData.ListFilterAsync(db, OrgId, ct);
        if (!found) { FilterError = "Tổ chức trong địa chỉ không có trong phạm vi được giao; dưới đây là tất cả."; OrgId = null; }
        IReadOnlyCollection<int> all = [.. Cells.Select(c => c.Id).Where(c => Org is null || Org.CellIds.Contains(c))];
        var cells = await reads.KeptCellsAsync(all, TheYear, today, Settings, ct);
        CellSummary = RatingReads.Summary(cells.Select(c => c.Rating));
        // The cap is the commune's (saving checks it over every cell): a part of it says nothing, so only the whole shows it.
        var whole = (db.Scope.WholeCommune || db.Scope.Unrestricted) && Org is null;
        CellCap = !whole ? null : QualityRatings.CapBreach(cells.Where(c => c.Rating?.Level is not null).Select(c => c.Rating!.Level!.Value), Settings.Scale, members: false);
        var members = await reads.MembersAsync(CellId is { } one ? [one] : all, TheYear, ct);
        MemberSummary = RatingReads.Summary(members.Select(m => m.Rating));
        MemberCap = !whole || CellId is not null ? null : QualityRatings.CapBreach(members.Where(m => m.Rating?.Level is not null).Select(m => m.Rating!.Level!.Value), Settings.Scale, members: true);
        CellRows = [.. cells.Where(c => Keeps(c.Rating))];
        MemberRows = [.. members.Where(m => Keeps(m.Rating))];
    }
}
