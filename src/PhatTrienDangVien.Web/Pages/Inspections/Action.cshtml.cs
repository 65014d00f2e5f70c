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

/// <summary>A corrective action: assigned after a finding, followed up to done (with evidence) or cancelled (with a reason).</summary>
[RequirePermission(Permission.PlanInspections)]
public class ActionModel(AppDbContext db, SaveAction save) : PageModel
{
    [BindProperty] public ActionInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty(SupportsGet = true)] public int? FindingId { get; set; }
    public int? Id { get; private set; }
    public InspectionFinding Finding { get; private set; } = null!;
    public InspectionSession Session { get; private set; } = null!;
    public string Cell { get; private set; } = "";
    public ActionStatus? StoredStatus { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } aid)
        {
            var a = await db.CorrectiveActions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == aid, ct);
            if (a is null) return NotFound();
            Input = ActionInput.From(a);
            Version = a.Version;
            FindingId = a.FindingId;
            StoredStatus = a.Status;
        }
        if (!await LoadAsync(ct)) return NotFound();
        if (id is null) Input = new ActionInput { Owner = Cell, DueDate = Session.Date.AddMonths(1) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is { } aid)
        {
            var a = await db.CorrectiveActions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == aid, ct);
            if (a is null) return NotFound();
            FindingId = a.FindingId;
            StoredStatus = a.Status;
        }
        if (!await LoadAsync(ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, FindingId ?? 0, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        var saved = outcome.Value!;
        TempData["Success"] = $"Đã lưu việc khắc phục: {CorrectiveActions.Name(saved.Status).ToLowerInvariant()}.";
        return Redirect($"/Inspections/Session/{Session.Id}#action-{saved.Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (FindingId is not { } fid) return false;
        var f = await db.InspectionFindings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == fid, ct);
        if (f is null) return false;
        Finding = f;
        Session = await db.InspectionSessions.AsNoTracking().FirstAsync(s => s.Id == f.SessionId, ct);
        Cell = await db.Organisations.AsNoTracking().Where(o => o.Id == f.CellId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "";
        return true;
    }
}
