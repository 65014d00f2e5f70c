using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Organisations;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Organisations;

[RequirePermission(Permission.ManageCommune)]
public class EditModel(AppDbContext db, SaveOrganisation save, DeleteOrganisation delete) : PageModel
{
    [BindProperty] public OrganisationInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public int? Id { get; private set; }
    public bool IsRoot { get; private set; }
    public List<SelectListItem> Parents { get; private set; } = [];
    public List<SelectListItem> Hamlets { get; private set; } = [];
    public List<SelectListItem> Secretaries { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Input.ParentId = db.Scope.CommuneId;
        }
        else
        {
            if (await db.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) is not { } o) return NotFound();
            Input = OrganisationInput.From(o);
            Version = o.Version;
        }
        await LoadFormAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (!ModelState.IsValid)
        {
            await LoadFormAsync(ct);
            return Page();
        }
        var outcome = await save.HandleAsync(id, Input, Version, ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the user has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (!outcome.IsDone) await LoadFormAsync(ct);
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = id is null ? $"Đã thêm {outcome.Value!.Name}." : $"Đã lưu {outcome.Value!.Name}.";
        return Redirect("/Organisations");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var outcome = await delete.HandleAsync(id, ct);
        if (outcome.IsDone)
        {
            TempData["Success"] = $"Đã xóa {outcome.Value!.Name}.";
            return Redirect("/Organisations");
        }
        if (outcome.Status == OutcomeStatus.Refused)
        {
            // The form again as stored, with the reason on top.
            ModelState.Clear();
            await OnGetAsync(id, ct);
        }
        return this.Show(outcome)!;
    }

    private async Task LoadFormAsync(CancellationToken ct)
    {
        IsRoot = Id is { } self && await db.Organisations.AnyAsync(x => x.Id == self && x.Kind == OrganisationKind.CommuneCommittee, ct);
        var parents = await db.Organisations.Where(x => x.Kind != OrganisationKind.Cell && x.Id != Id).OrderBy(x => x.Kind).ThenBy(x => x.Name)
            .Select(x => new { x.Id, x.Name }).ToListAsync(ct);
        Parents = parents.Select(x => new SelectListItem(x.Name, x.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Hamlets = await Lookups.HamletsAsync(db, ct);
        if (Id is { } id)
        {
            // A sub-committee's secretary comes from its cells (SaveOrganisation checks the same).
            var subCommittee = await db.Organisations.AnyAsync(x => x.Id == id && x.Kind == OrganisationKind.SubCommittee, ct);
            var members = await db.Members.WholeCommune().Where(m => (m.CellId == id || (subCommittee && m.Cell.ParentId == id)) && m.Status == MemberStatus.Official).OrderBy(m => m.Person.NameSortKey)
                .Select(m => new { m.Id, m.Person.FullName }).ToListAsync(ct);
            Secretaries = members.Select(m => new SelectListItem(m.FullName, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        }
    }
}
