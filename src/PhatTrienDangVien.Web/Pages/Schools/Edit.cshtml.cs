using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Organisations;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Schools;

[RequirePermission(Permission.ManageCommune)]
public class EditModel(AppDbContext db, SaveSchool save) : PageModel
{
    [BindProperty] public SchoolInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public List<SelectListItem> Hamlets { get; private set; } = [];
    public List<SelectListItem> Cells { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null)
        {
            if (await db.Schools.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) is not { } s) return NotFound();
            Input = SchoolInput.From(s);
            Version = s.Version;
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        await LoadListsAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the user has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = $"Đã lưu {outcome.Value!.Name}.";
        return Redirect("/Schools");
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Hamlets = await Lookups.HamletsAsync(db, ct);
        Cells = await Lookups.CellsAsync(db, ct);
    }
}
