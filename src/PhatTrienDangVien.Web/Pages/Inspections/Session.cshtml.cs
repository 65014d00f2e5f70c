using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Inspections;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Inspections;

/// <summary>
/// An inspection or supervision session: the record (the inspection committee writes it), the cell's figures and the
/// checklist's breaches taken on the day, the findings and what is done about each. A new session is this page with
/// the plan line and no id.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class SessionModel(AppDbContext db, Access access, TimeProvider clock) : PageModel
{
    // The page has two forms; each is bound by its own handler's parameter, so neither's empty fields are the other's errors.
    public SessionInput Input { get; set; } = new();
    public FindingInput Finding { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty] public int FindingVersion { get; set; }
    [BindProperty(SupportsGet = true)] public int? PlanItemId { get; set; }

    public int? Id { get; private set; }
    public InspectionSession? Record { get; private set; }
    public InspectionPlanItem Plan { get; private set; } = null!;
    public string Cell { get; private set; } = "";
    public InspectionSnapshot? Snapshot { get; private set; }
    public IReadOnlyList<CheckedBreach> Breaches { get; private set; } = [];
    public List<InspectionReads.FindingRow> Findings { get; private set; } = [];
    /// <summary>The finding being edited, when the form is for an existing one.</summary>
    public int? EditFindingId { get; private set; }
    public List<(int Id, string Name)> Cases { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);
    public bool Records => access.Has(Permission.RecordInspection);
    public bool Plans => access.Has(Permission.PlanInspections);

    public async Task<IActionResult> OnGetAsync(int? id, int? editFinding, CancellationToken ct)
    {
        Id = id;
        if (!await LoadAsync(ct)) return NotFound();
        // Only the inspection committee records a session: anyone else asking for the form is shown the plan.
        if (id is null && !Records) return Redirect($"/Inspections?Year={Plan.Year}");
        if (Record is not null)
        {
            Input = SessionInput.From(Record);
            Version = Record.Version;
            if (editFinding is { } fid && Findings.FirstOrDefault(f => f.Finding.Id == fid) is { } f)
            {
                EditFindingId = fid;
                Finding = FindingInput.From(f.Finding);
                FindingVersion = f.Finding.Version;
            }
        }
        else Input = new SessionInput { Date = Core.Common.VietnamTime.Today(clock), Team = Plan.Team };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, [Bind(Prefix = nameof(Input))] SessionInput input, [FromServices] SaveSession save, CancellationToken ct)
    {
        // Whoever may not record is refused before the form is read: an invalid post of theirs is not shown a form.
        if (!Records) return Forbid();
        Id = id;
        Input = input;
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, PlanItemId ?? Plan.Id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        var saved = outcome.Value!;
        TempData["Success"] = id is null
            ? $"Đã ghi buổi kiểm tra ngày {saved.Date:dd/MM/yyyy}; số liệu của chi bộ và bảng kiểm hồ sơ đã được lấy kèm."
            : "Đã lưu biên bản buổi kiểm tra.";
        return Redirect($"/Inspections/Session/{saved.Id}");
    }

    public async Task<IActionResult> OnPostChecklistAsync(int id, [FromServices] RunChecklist run, CancellationToken ct)
    {
        var outcome = await run.HandleAsync(id, ct);
        if (outcome.Status == OutcomeStatus.Forbidden) return Forbid();
        if (outcome.Status == OutcomeStatus.NotFound) return NotFound();
        TempData["Success"] = $"Đã chạy lại bảng kiểm: {InspectionChecklist.BreachesOf(outcome.Value!).Count} vi phạm.";
        return Redirect($"/Inspections/Session/{id}#checklist");
    }

    public async Task<IActionResult> OnPostFindingAsync(int id, int? findingId, [Bind(Prefix = nameof(Finding))] FindingInput finding, [FromServices] SaveFinding save, CancellationToken ct)
    {
        if (!Records) return Forbid();
        Id = id;
        EditFindingId = findingId;
        Finding = finding;
        if (!await LoadAsync(ct)) return NotFound();
        // A finding of this session only: the address names the session.
        if (findingId is { } f && Findings.All(x => x.Finding.Id != f)) return NotFound();
        Input = SessionInput.From(Record!);
        Version = Record!.Version;
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(findingId, id, Finding, FindingVersion, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            ModelState.Remove(nameof(FindingVersion));
            FindingVersion = current.Version;
        }
        if (this.Show(outcome, "", Conflicts) is { } shown) return shown;
        TempData["Success"] = Plans ? "Đã ghi phát hiện; giao việc khắc phục ở dưới." : "Đã ghi phát hiện; văn phòng Đảng ủy sẽ giao việc khắc phục.";
        return Redirect($"/Inspections/Session/{id}#finding-{outcome.Value!.Id}");
    }

    /// <summary>
    /// A breach the checklist found, written as a finding with its case and item (the inspector's one click). The form
    /// names the breach by its place and its case: a place that is not a number, or a list run again since the page
    /// was opened (another case at that place), writes nothing.
    /// </summary>
    public async Task<IActionResult> OnPostBreachAsync(int id, int? index, int? candidateId, [FromServices] SaveFinding save, CancellationToken ct)
    {
        if (!Records) return Forbid();
        Id = id;
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid || index is not { } at || at < 0 || at >= Breaches.Count) return NotFound();
        var b = Breaches[at];
        if (b.CandidateId != candidateId)
        {
            TempData["Error"] = "Bảng kiểm đã được chạy lại sau khi trang này mở: hãy chọn lại vi phạm cần ghi.";
            return Redirect($"/Inspections/Session/{id}#checklist");
        }
        var outcome = await save.HandleAsync(null, id, new FindingInput { Text = $"{b.FullName}: {b.Message}", CandidateId = b.CandidateId, Check = b.Check }, 0, ct);
        Input = SessionInput.From(Record!);
        Version = Record!.Version;
        if (this.Show(outcome, "Finding.") is { } shown) return shown;
        TempData["Success"] = "Đã ghi vi phạm thành phát hiện.";
        return Redirect($"/Inspections/Session/{id}#finding-{outcome.Value!.Id}");
    }

    public async Task<IActionResult> OnPostDeleteFindingAsync(int id, int findingId, [FromServices] DeleteFinding delete, CancellationToken ct)
    {
        if (!Records) return Forbid();
        Id = id;
        if (!await LoadAsync(ct)) return NotFound();
        if (Findings.All(x => x.Finding.Id != findingId)) return NotFound();
        var outcome = await delete.HandleAsync(findingId, ct);
        if (!outcome.IsDone)
        {
            Input = SessionInput.From(Record!);
            Version = Record!.Version;
            return this.Show(outcome)!;
        }
        TempData["Success"] = "Đã xóa phát hiện.";
        return Redirect($"/Inspections/Session/{id}#findings");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeleteSession delete, CancellationToken ct)
    {
        if (!Records) return Forbid();
        Id = id;
        if (!await LoadAsync(ct)) return NotFound();
        var outcome = await delete.HandleAsync(id, ct);
        if (!outcome.IsDone)
        {
            Input = SessionInput.From(Record!);
            Version = Record!.Version;
            return this.Show(outcome)!;
        }
        TempData["Success"] = "Đã xóa buổi kiểm tra.";
        return Redirect($"/Inspections?Year={Plan.Year}&CellId={Plan.CellId}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            Record = await db.InspectionSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
            if (Record is null) return false;
            PlanItemId = Record.PlanItemId;
        }
        if (PlanItemId is not { } planId) return false;
        var plan = await db.InspectionPlanItems.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null) return false;
        Plan = plan;
        Cell = await db.Organisations.AsNoTracking().Where(o => o.Id == plan.CellId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        if (Record is not null)
        {
            Snapshot = InspectionChecklist.SnapshotOf(Record);
            Breaches = InspectionChecklist.BreachesOf(Record);
            Findings = await InspectionReads.FindingsOfSessionAsync(db, Record, ct);
            if (Records)
                Cases = [.. (await db.Candidates.AsNoTracking().Where(c => c.CellId == plan.CellId).Select(c => new { c.Id, c.Person.FullName, c.Person.NameSortKey }).ToListAsync(ct))
                    .OrderBy(c => c.NameSortKey, StringComparer.Ordinal).Select(c => (c.Id, c.FullName))];
        }
        return true;
    }
}
