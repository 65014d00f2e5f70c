using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.People;

namespace PhatTrienDangVien.Web.Pages.Members;

[RequirePermission(Permission.EditPerson)]
public class EditModel(AppDbContext db, SaveMember save) : PageModel
{
    [BindProperty] public PersonInput Person { get; set; } = new();
    [BindProperty] public MemberInput Member { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty] public int PersonVersion { get; set; }

    public int? Id { get; private set; }
    public List<SelectListItem> Cells { get; private set; } = [];
    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, int? cellId, CancellationToken ct)
    {
        Id = id;
        Cells = await Lookups.CellsAsync(db, ct);
        if (id is null)
        {
            Member.CellId = cellId;
            return Page();
        }
        var m = await db.Members.Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return NotFound();
        // Masked for every role: the stars sent back keep the stored numbers (PersonalData.KeepStored).
        Person = PersonalData.ForReader(m.Person, revealed: false);
        Member = MemberInput.From(m);
        Version = m.Version;
        PersonVersion = m.Person.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        Cells = await Lookups.CellsAsync(db, ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(id, new MemberWrite(Person, Member, Version, PersonVersion), ct);
        Warnings = outcome.Warnings;
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the user has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(PersonVersion));
            Version = current.Version;
            PersonVersion = current.Person.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        var saved = outcome.Value!;
        TempData["Success"] = id is null ? $"Đã thêm đảng viên {saved.Person.FullName}." : $"Đã lưu hồ sơ đảng viên {saved.Person.FullName}.";
        if (Warnings.Count > 0) TempData["Success"] += " Lưu ý: " + string.Join(" ", Warnings);
        return Redirect($"/Members/Details/{saved.Id}");
    }
}
