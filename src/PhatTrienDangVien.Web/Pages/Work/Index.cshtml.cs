using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Work;

/// <summary>
/// Việc sắp đến hạn and quá hạn across every case in the user's scope, by responsible person, and the tasks without a
/// legal deadline (no mentor, an assessment owed, probation ending) in their own tab: the rows the home page counts.
/// </summary>
[RequirePermission(Permission.ViewWork)]
public class IndexModel(WorkList work, Data.AppDbContext db) : PageModel
{
    /// <summary>The "sắp đến hạn" horizon in working days; by default the commune's own (as the home page and the alerts).</summary>
    [BindProperty(SupportsGet = true)] public int? Days { get; set; }
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Việc cần xem")] public string Show { get; set; } = "due";
    public DateOnly Today => work.Today;
    /// <summary>The commune's limit for assigning a mentor: a waiting row counts from the day the person entered the pool.</summary>
    public int NoMentorDays { get; private set; }
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Nhóm theo")] public string By { get; set; } = "none";
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    /// <summary>On the "Việc khác" tab: one kind of task only.</summary>
    [BindProperty(SupportsGet = true)] public WorkKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public Core.Admission.AdmissionStage? Stage { get; set; }
    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    /// <summary>The cells of an organisation (a sub-committee, the commune), as the dashboard counts them.</summary>
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    public Planning.PlanData.OrgFilter? Org { get; private set; }

    public IReadOnlyList<WorkList.Item> Items { get; private set; } = [];
    public int OverdueCount { get; private set; }
    public int DueCount { get; private set; }
    public int TaskCount { get; private set; }
    /// <summary>Corrective actions after an inspection, still open, of the cells in the list's scope (every plan year).</summary>
    public List<Web.Inspections.InspectionReads.ActionRow> Corrections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The same rows as the page, in its order (grouped as the page groups them), as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return NotFound();
        var rows = Ordered().ToList();
        var fields = new List<Export.Field<WorkList.Item>>
        {
            new("Người vào Đảng / đảng viên dự bị", i => i.FullName), new("Giai đoạn", i => Core.Admission.StepNames.Of(i.Stage)), new("Chi bộ", i => i.Cell),
            new("Loại việc", i => Home.WorkText.KindName(i)),
            new("Việc tiếp theo", i => Core.Admission.StepNames.Of(i.Next.Kind)), new("Hạn", i => i.Next.DueDate, Export.ColumnFormat.Date),
            new("Còn", i => Home.WorkText.LeftText(i, work.Today, NoMentorDays)),
        };
        if (By != "none") fields.Insert(0, new(ByName, i => Responsible(i)));
        return await exporter.ListAsync("Việc cần làm", "viec-can-lam", FilterText, fields, rows, ct);
    }

    /// <summary>The rows in the page's order: by responsible person when grouped, each group by due date.</summary>
    public IEnumerable<WorkList.Item> Ordered() => By == "none" ? Items : Items.GroupBy(Responsible).OrderBy(g => g.Key).SelectMany(g => g);

    private string ByName => By switch { "mentor" => "Đảng viên giúp đỡ", "secretary" => "Bí thư chi bộ", _ => "Cấp ủy viên phụ trách" };

    /// <summary>What the list holds, in words, as the line above the table says it.</summary>
    public string FilterText => (Show switch
        {
            "overdue" => "Việc quá hạn", "all" => "Hồ sơ đang mở",
            "tasks" => Kind is { } k && k != WorkKind.Step ? $"Việc khác: {Home.WorkText.KindName(k)}" : "Việc khác (không có hạn luật định)",
            _ => $"Việc đến hạn trong {Days} ngày làm việc tới (chưa quá hạn)",
        })
        + (Stage is { } fs ? $", giai đoạn “{Core.Admission.StepNames.Of(fs)}”" : "") + (Org is { } org ? $", {org.Described}" : "")
        + (CellId is not null ? ", một chi bộ" : "") + (Mine ? ", chỉ việc của tôi" : "");

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var snapshot = await work.SnapshotAsync(ct);
        Days = Math.Clamp(Days ?? snapshot.Thresholds.DueSoonWorkingDays, 1, 120);
        (var found, Org) = await Planning.PlanData.ListFilterAsync(db, OrgId, ct);
        if (!found) return false;
        // A cell outside the user's scope is "not found", as on the candidate list (not an empty list that names it).
        if (CellId is { } asked && !await db.Organisations.AnyAsync(o => o.Id == asked, ct)) return false;
        NoMentorDays = snapshot.Thresholds.NoMentorDays;
        var cells = Org?.CellIds.ToHashSet();
        IEnumerable<WorkList.Item> Filtered(IEnumerable<WorkList.Item> rows) => rows.Where(i =>
            (!Mine || work.IsMine(i))
            // A stage as the dashboard's funnel counts it: probation includes the recognition steps after it.
            && (Stage is not { } stage || (Core.Planning.Funnel.RowOf(i.Stage) is var row && row >= 0 ? row == Core.Planning.Funnel.RowOf(stage) : i.Stage == stage))
            && (CellId is not { } cell || i.CellId == cell)
            && (cells is null || cells.Contains(i.CellId)));
        var all = Filtered(snapshot.Cases).ToList();
        var tasks = Filtered(snapshot.Tasks).Where(t => Kind is not { } k || k == WorkKind.Step || t.Kind == k).ToList();
        // Each tab's count is the number of its rows: one predicate for both (the due tab once counted otherwise).
        OverdueCount = all.Count(i => i.IsOverdue);
        DueCount = all.Count(i => i.IsDueWithin(Days!.Value));
        TaskCount = tasks.Count;
        Corrections = [.. (await work.OpenCorrectionsAsync(ct))
            .Where(a => (CellId is not { } c || a.Action.CellId == c) && (cells is null || cells.Contains(a.Action.CellId)))];
        Items = Show switch
        {
            "overdue" => Sorted(all.Where(i => i.IsOverdue)),
            "all" => Sorted(all),
            "tasks" => tasks,
            // Due soon: from today to the horizon; what is overdue has its own tab.
            _ => Sorted(all.Where(i => i.IsDueWithin(Days!.Value))),
        };
        return true;
    }

    private static List<WorkList.Item> Sorted(IEnumerable<WorkList.Item> rows) =>
        [.. rows.OrderBy(i => i.Next.WorkingDaysLeft ?? int.MaxValue).ThenBy(i => i.Next.DueDate)];

    /// <summary>The query of this list with another tab, keeping every filter.</summary>
    public string Tab(string show) =>
        $"?Show={show}&Days={Days}&By={By}&Mine={Mine}" + (Stage is { } s ? $"&Stage={s}" : "") + (CellId is { } c ? $"&CellId={c}" : "")
        + (OrgId is { } o ? $"&OrgId={o}" : "") + (show == "tasks" && Kind is { } k ? $"&Kind={k}" : "");

    public string? Responsible(WorkList.Item i) => By switch
    {
        "mentor" => i.Mentor ?? "(chưa phân công)",
        "secretary" => i.Secretary ?? "(chưa có bí thư)",
        "charge" => i.InCharge ?? "(chưa phân công)",
        _ => null,
    };
}
