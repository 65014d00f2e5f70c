using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Targets;

namespace PhatTrienDangVien.Web.Pages.Targets;

[RequirePermission(Permission.ManageTargets)]
public class TermModel(AppDbContext db, SaveTermTarget save) : PageModel
{
    [BindProperty, Display(Name = TermTargetInput.CountLabel)] public int Count { get; set; }
    [BindProperty] public ResolutionInput Resolution { get; set; } = new();
    [BindProperty, Display(Name = "Ngày bắt đầu nhiệm kỳ (ngày đại hội)")] public DateOnly? TermStart { get; set; }
    [BindProperty, Display(Name = "Ngày kết thúc nhiệm kỳ")] public DateOnly? TermEnd { get; set; }
    /// <summary>The stored target's version when the form was read; empty when the term had none.</summary>
    [BindProperty] public int? Version { get; set; }

    public Term Term { get; private set; } = null!;
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int termId, CancellationToken ct)
    {
        if (!await LoadAsync(termId, ct)) return NotFound();
        var target = await db.TermTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TermId == termId, ct);
        var input = TermTargetInput.From(target, Term);
        Count = input.Count;
        TermStart = input.TermStart;
        TermEnd = input.TermEnd;
        Resolution = input.Resolution;
        Version = target?.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int termId, CancellationToken ct)
    {
        if (!await LoadAsync(termId, ct)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(termId, new TermTargetWrite(new TermTargetInput { Count = Count, Resolution = Resolution, TermStart = TermStart, TermEnd = TermEnd }, Version), ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the user has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = $"Đã lưu chỉ tiêu nhiệm kỳ {Term.Name}: {outcome.Value!.Count} đảng viên mới.";
        return Redirect($"/Targets?termId={Term.Id}");
    }

    private async Task<bool> LoadAsync(int termId, CancellationToken ct)
    {
        var term = await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == termId, ct);
        if (term is null) return false;
        Term = term;
        return true;
    }
}
