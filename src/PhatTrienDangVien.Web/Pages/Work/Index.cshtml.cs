using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Work;

/// <summary>Việc sắp đến hạn and quá hạn across every case in the user's scope, by responsible person.</summary>
[RequirePermission(Permission.ViewWork)]
public class IndexModel(WorkList work, Data.AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Days { get; set; } = 10;
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Việc cần xem")] public string Show { get; set; } = "due";
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Nhóm theo")] public string By { get; set; } = "none";
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public Core.Admission.AdmissionStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    /// <summary>The cells of an organisation (a sub-committee, the commune), as the dashboard counts them.</summary>
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    public Planning.PlanData.OrgFilter? Org { get; private set; }

    public IReadOnlyList<WorkList.Item> Items { get; private set; } = [];
    public int OverdueCount { get; private set; }
    public int DueCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The same rows as the page, in its order (grouped as the page groups them), as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var rows = Ordered().ToList();
        var fields = new List<Export.Field<WorkList.Item>>
        {
            new("Người vào Đảng / đảng viên dự bị", i => i.FullName), new("Giai đoạn", i => Core.Admission.StepNames.Of(i.Stage)), new("Chi bộ", i => i.Cell),
            new("Việc tiếp theo", i => Core.Admission.StepNames.Of(i.Next.Kind)), new("Hạn", i => i.Next.DueDate, Export.ColumnFormat.Date),
            new("Còn (ngày làm việc)", i => i.Next.WorkingDaysLeft is { } d ? Pages.Shared.Dates.WorkingDaysLeft(d) : null),
        };
        if (By != "none") fields.Insert(0, new(ByName, i => Responsible(i)));
        return await exporter.ListAsync("Việc cần làm", "viec-can-lam", FilterText, fields, rows, ct);
    }

    /// <summary>The rows in the page's order: by responsible person when grouped, each group by due date.</summary>
    public IEnumerable<WorkList.Item> Ordered() => By == "none" ? Items : Items.GroupBy(Responsible).OrderBy(g => g.Key).SelectMany(g => g);

    private string ByName => By switch { "mentor" => "Đảng viên giúp đỡ", "secretary" => "Bí thư chi bộ", _ => "Cấp ủy viên phụ trách" };

    /// <summary>What the list holds, in words, as the line above the table says it.</summary>
    public string FilterText => (Show switch { "overdue" => "Việc quá hạn", "all" => "Hồ sơ đang mở", _ => $"Việc đến hạn trong {Days} ngày làm việc tới (chưa quá hạn)" })
        + (Stage is { } fs ? $", giai đoạn “{Core.Admission.StepNames.Of(fs)}”" : "") + (Org is { } org ? $", {org.Described}" : "")
        + (CellId is not null ? ", một chi bộ" : "") + (Mine ? ", chỉ việc của tôi" : "");

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Days = Math.Clamp(Days, 1, 120);
        var all = await work.ItemsAsync(ct);
        if (Mine && int.TryParse(User.FindFirstValue(AppClaims.MemberId), out var me))
            all = all.Where(i => i.MentorId == me || i.SecretaryId == me || i.InChargeId == me).ToList();
        // A stage as the dashboard's funnel counts it: probation includes the recognition steps after it.
        if (Stage is { } stage) all = all.Where(i => Core.Planning.Funnel.RowOf(i.Stage) is var row && row >= 0
            ? row == Core.Planning.Funnel.RowOf(stage) : i.Stage == stage).ToList();
        if (CellId is { } cell) all = all.Where(i => i.CellId == cell).ToList();
        (var found, Org) = await Planning.PlanData.ListFilterAsync(db, OrgId, ct);
        if (!found) return false;
        if (Org is not null)
        {
            var cells = Org.CellIds.ToHashSet();
            all = all.Where(i => cells.Contains(i.CellId)).ToList();
        }
        OverdueCount = all.Count(i => i.IsOverdue);
        DueCount = all.Count(i => i.Next.WorkingDaysLeft is >= 0 and var d && d <= Days);
        Items = (Show switch
        {
            "overdue" => all.Where(i => i.IsOverdue),
            "all" => all,
            // Due soon: from today to the horizon; what is overdue has its own tab.
            _ => all.Where(i => i.Next.WorkingDaysLeft is >= 0 and var d && d <= Days),
        }).OrderBy(i => i.Next.WorkingDaysLeft ?? int.MaxValue).ThenBy(i => i.Next.DueDate).ToList();
        return true;
    }

    /// <summary>The query of this list with another tab, keeping every filter.</summary>
    public string Tab(string show) =>
        $"?Show={show}&Days={Days}&By={By}&Mine={Mine}" + (Stage is { } s ? $"&Stage={s}" : "") + (CellId is { } c ? $"&CellId={c}" : "")
        + (OrgId is { } o ? $"&OrgId={o}" : "");

    public string? Responsible(WorkList.Item i) => By switch
    {
        "mentor" => i.Mentor ?? "(chưa phân công)",
        "secretary" => i.Secretary ?? "(chưa có bí thư)",
        "charge" => i.InCharge ?? "(chưa phân công)",
        _ => null,
    };
}
