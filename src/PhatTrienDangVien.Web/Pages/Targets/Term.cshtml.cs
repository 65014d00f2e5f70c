using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Targets;

[RequirePermission(Permission.ManageTargets)]
public class TermModel(AppDbContext db) : PageModel
{
    [BindProperty, Display(Name = "Chỉ tiêu cả nhiệm kỳ (đảng viên mới)"), Range(0, 100_000, ErrorMessage = "Chỉ tiêu phải từ 0 đến 100.000.")]
    public int Count { get; set; }
    [BindProperty] public ResolutionInput Resolution { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public Term Term { get; private set; } = null!;
    public bool Exists { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int termId)
    {
        var term = await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == termId);
        if (term is null) return NotFound();
        Term = term;
        var target = await db.TermTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TermId == termId);
        Exists = target is not null;
        Count = target?.Count ?? 0;
        Resolution = ResolutionInput.From(target);
        Version = target?.Version ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int termId)
    {
        var term = await db.Terms.AsNoTracking().FirstOrDefaultAsync(t => t.Id == termId);
        if (term is null) return NotFound();
        Term = term;
        var target = await db.TermTargets.FirstOrDefaultAsync(t => t.TermId == termId);
        Exists = target is not null;
        Resolution.Normalize();
        if (!ModelState.IsValid) return Page();
        if (target is null)
        {
            target = new TermTarget { CommuneId = term.CommuneId, TermId = term.Id };
            db.TermTargets.Add(target);
        }
        else
        {
            db.Entry(target).Property(x => x.Version).OriginalValue = Version;
        }
        target.Count = Count;
        Resolution.ApplyTo(target);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var current = await db.TermTargets.AsNoTracking().FirstOrDefaultAsync(t => t.TermId == termId);
            if (current is null) { ModelState.AddModelError("", "Chỉ tiêu này vừa bị xóa; không có gì được lưu."); return Page(); }
            if (current.Count != Count) Conflicts.Add(new("Chỉ tiêu", Count.ToString(), current.Count.ToString()));
            Resolution.Compare(current, Conflicts);
            if (Conflicts.Count == 0) Conflicts.Add(new("(không đổi)", "", ""));
            ModelState.Remove(nameof(Version));
            Version = current.Version;
            Exists = true;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Success"] = $"Đã lưu chỉ tiêu nhiệm kỳ {term.Name}: {Count} đảng viên mới.";
        return Redirect($"/Targets?termId={term.Id}");
    }
}
