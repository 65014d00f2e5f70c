using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Members;

[Authorize(Policy = Policies.EditRecords)]
public class EditModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public PersonInput Person { get; set; } = new();
    [BindProperty] public MemberInput Member { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty] public int PersonVersion { get; set; }

    public int? Id { get; private set; }
    public List<SelectListItem> Cells { get; private set; } = [];
    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    private DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(int? id, int? cellId)
    {
        Id = id;
        Cells = await Lookups.CellsAsync(db);
        if (id is null)
        {
            Member.CellId = cellId;
            return Page();
        }
        var m = await db.Members.Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == id);
        if (m is null) return NotFound();
        Person = PersonInput.From(m.Person);
        Member = MemberInput.From(m);
        Version = m.Version;
        PersonVersion = m.Person.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        Cells = await Lookups.CellsAsync(db);
        Member? m = null;
        if (id is not null)
        {
            m = await db.Members.Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == id);
            if (m is null) return NotFound();
        }
        if (Member.CellId is { } cell && !await Lookups.IsCellInScopeAsync(db, cell))
            ModelState.AddModelError("Member.CellId", Lookups.CellOutOfScopeMessage);
        Warnings = await Person.ValidateAsync(ModelState, "Person.", db, m?.PersonId, Today);
        Member.Validate(ModelState, "Member.", Today, Person.DateOfBirth);
        await Member.ProtectAsync(m, db, ModelState, "Member.");
        if (!ModelState.IsValid) return Page();

        if (m is null)
        {
            var person = new Person { FullName = "", CommuneId = db.Scope.CommuneId };
            Person.ApplyTo(person);
            m = new Member { CommuneId = db.Scope.CommuneId, Person = person };
            Member.ApplyTo(m);
            db.Members.Add(m);
        }
        else
        {
            db.Entry(m).Property(x => x.Version).OriginalValue = Version;
            db.Entry(m.Person).Property(x => x.Version).OriginalValue = PersonVersion;
            Person.ApplyTo(m.Person);
            Member.ApplyTo(m);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Members.AsNoTracking().Include(x => x.Person).FirstOrDefaultAsync(x => x.Id == id);
            if (current is null)
            {
                ModelState.AddModelError("", "Hồ sơ này vừa bị người khác xóa; không có gì được lưu.");
                return Page();
            }
            Conflicts.AddRange(PersonInput.Diff(Person, PersonInput.From(current.Person)));
            Conflicts.AddRange(MemberInput.Diff(Member, MemberInput.From(current)));
            // Saving again now means the user has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(PersonVersion));
            Version = current.Version;
            PersonVersion = current.Person.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (DbUpdateException) when (Person.CitizenId is not null)
        {
            // Two users saving the same citizen ID at the same moment: the unique index decides.
            ModelState.AddModelError("Person.CitizenId", "Số CCCD này đã có trong hệ thống (trùng với một người khác).");
            db.ChangeTracker.Clear();
            return Page();
        }
        TempData["Success"] = id is null ? $"Đã thêm đảng viên {m.Person.FullName}." : $"Đã lưu hồ sơ đảng viên {m.Person.FullName}.";
        if (Warnings.Count > 0) TempData["Success"] += " Lưu ý: " + string.Join(" ", Warnings);
        return Redirect($"/Members/Details/{m.Id}");
    }
}
