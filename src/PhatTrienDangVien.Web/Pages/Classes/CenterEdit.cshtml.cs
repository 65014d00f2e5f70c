using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Classes;

[RequirePermission(Permission.ManageClasses)]
public class CenterEditModel(AppDbContext db, Access access, SaveCenter save, CommuneDirectory communes) : PageModel
{
    [BindProperty] public CenterInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    public int? Id { get; private set; }
    public bool First { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];
    /// <summary>The installation's other communes (a centre may serve them).</summary>
    public List<CommuneDirectory.Commune> Others { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, bool first, CancellationToken ct)
    {
        Id = id;
        First = first;
        await LoadAsync(ct);
        if (id is null) return Page();
        if (await db.PoliticalCenters.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id && x.CommuneId == access.Scope.CommuneId, ct) is not { } c) return NotFound();
        Input = CenterInput.From(c, await db.CenterCommunes.AsNoTracking().Where(x => x.CenterId == c.Id).Select(x => x.CommuneId).ToListAsync(ct));
        Version = c.Version;
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
        TempData["Success"] = $"Đã lưu {outcome.Value!.Name}.";
        return Redirect("/Classes/Centers");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Others = [.. (await communes.AllAsync(ct)).Where(c => c.Id != access.Scope.CommuneId)];
}
