using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.People;

namespace PhatTrienDangVien.Web.Pages.Admin.SourceCategories;

[RequirePermission(Permission.ManageReferenceLists)]
public class EditModel(AppDbContext db, SaveSourceCategory save) : AdminPageModel
{
    [BindProperty] public SourceCategoryInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Input.SortOrder = (await db.SourceCategories.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0) + 1;
            return Page();
        }
        var s = await db.SourceCategories.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return NotFound();
        Input = SourceCategoryInput.From(s);
        Version = s.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the admin has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = id is null ? $"Đã thêm nguồn “{outcome.Value!.Name}”." : $"Đã lưu nguồn “{outcome.Value!.Name}”.";
        return RedirectToPage("Index");
    }
}
