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

/// <summary>A line of the year's inspection and supervision plan (the commune office).</summary>
[RequirePermission(Permission.PlanInspections)]
public class PlanModel(AppDbContext db, SavePlanItem save, TimeProvider clock) : PageModel
{
    [BindProperty] public PlanItemInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];
    public List<(int Id, string Name)> Cells { get; private set; } = [];
    public bool HasSessions { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id, int? year, int? cellId, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            var thisYear = Core.Common.VietnamTime.Today(clock).Year;
            var y = year is >= 2000 and <= 2100 ? year.Value : thisYear;
            Input = new PlanItemInput { Year = y, Kind = InspectionKind.Inspection, CellId = cellId, Topic = "Công tác phát triển đảng viên", From = new DateOnly(y, 1, 1), To = new DateOnly(y, 12, 31) };
        }
        else
        {
            var p = await db.InspectionPlanItems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (p is null) return NotFound();
            Input = PlanItemInput.Of(p);
            Version = p.Version;
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        var saved = outcome.Value!;
        TempData["Success"] = $"Đã lưu kế hoạch {InspectionWords.Kind(saved.Kind).ToLowerInvariant()} {Cells.FirstOrDefault(c => c.Id == saved.CellId).Name}.";
        return Redirect($"/Inspections?Year={saved.Year}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, [FromServices] DeletePlanItem delete, CancellationToken ct)
    {
        Id = id;
        var outcome = await delete.HandleAsync(id, ct);
        if (!outcome.IsDone)
        {
            // The form was not posted with the delete button: show the line as stored, with the refusal only.
            ModelState.Clear();
            if (await db.InspectionPlanItems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) is { } p)
            {
                Input = PlanItemInput.Of(p);
                Version = p.Version;
            }
            await LoadAsync(ct);
            return this.Show(outcome)!;
        }
        TempData["Success"] = "Đã xóa nội dung khỏi kế hoạch.";
        return Redirect($"/Inspections?Year={outcome.Value!.Year}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Cells = await Lookups.CellChoicesAsync(db, Id is null ? null : InspectionReads.InspectedCells(db), ct);
        if (Id is { } id) HasSessions = await db.InspectionSessions.AnyAsync(s => s.PlanItemId == id, ct);
    }
}
