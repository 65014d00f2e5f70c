using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Candidates;

[Authorize(Policy = Policies.EditRecords)]
public class EditModel(AppDbContext db, TimeProvider clock, Admission.AdmissionService admission) : PageModel
{
    [BindProperty] public PersonInput Person { get; set; } = new();
    [BindProperty] public CandidateInput Candidate { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty] public int PersonVersion { get; set; }

    public int? Id { get; private set; }
    public List<SelectListItem> Cells { get; private set; } = [];
    public List<SourceCategory> Sources { get; private set; } = [];
    public List<SelectListItem> Mentors { get; private set; } = [];
    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    private DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(int? id, int? cellId)
    {
        Id = id;
        if (id is null)
        {
            Candidate.CellId = cellId;
            Candidate.AddedOn = Today;
        }
        else
        {
            var c = await db.Candidates.Include(x => x.Person).Include(x => x.Sources).FirstOrDefaultAsync(x => x.Id == id);
            if (c is null) return NotFound();
            Person = PersonInput.From(c.Person);
            Candidate = CandidateInput.From(c);
            Version = c.Version;
            PersonVersion = c.Person.Version;
        }
        await LoadListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        Candidate? c = null;
        if (id is not null)
        {
            c = await db.Candidates.Include(x => x.Person).Include(x => x.Sources).FirstOrDefaultAsync(x => x.Id == id);
            if (c is null) return NotFound();
        }
        if (Candidate.CellId is { } cell && !await Lookups.IsCellInScopeAsync(db, cell))
            ModelState.AddModelError("Candidate.CellId", Lookups.CellOutOfScopeMessage);
        // Once the case has started, the mentor changes only through a recorded step (the timeline), never here.
        if (c is not null && await db.AdmissionSteps.AnyAsync(s => s.CandidateId == c.Id)) Candidate.MentorMemberId = c.MentorMemberId;
        Warnings = await Person.ValidateAsync(ModelState, "Person.", db, c?.PersonId, Today);
        await Candidate.ValidateAsync(ModelState, "Candidate.", db, Today);
        if (!ModelState.IsValid)
        {
            await LoadListsAsync();
            return Page();
        }
        if (c is null)
        {
            var person = new Person { FullName = "", CommuneId = db.Scope.CommuneId };
            Person.ApplyTo(person);
            c = new Candidate { CommuneId = db.Scope.CommuneId, Person = person };
            Candidate.ApplyTo(c);
            db.Candidates.Add(c);
        }
        else
        {
            db.Entry(c).Property(x => x.Version).OriginalValue = Version;
            db.Entry(c.Person).Property(x => x.Version).OriginalValue = PersonVersion;
            Person.ApplyTo(c.Person);
            Candidate.ApplyTo(c);
            // A change of sources alone still counts as a change of the candidate, for the version check.
            db.Entry(c).Property(x => x.Version).IsModified = true;
        }
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            if (id is null) await admission.AddToPoolAsync(c);
            await tx.CommitAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Candidates.AsNoTracking().Include(x => x.Person).Include(x => x.Sources).FirstOrDefaultAsync(x => x.Id == id);
            await LoadListsAsync();
            if (current is null)
            {
                ModelState.AddModelError("", "Hồ sơ này vừa bị người khác xóa; không có gì được lưu.");
                return Page();
            }
            Conflicts.AddRange(PersonInput.Diff(Person, PersonInput.From(current.Person)));
            Conflicts.AddRange(CandidateInput.Diff(Candidate, CandidateInput.From(current)));
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(PersonVersion));
            Version = current.Version;
            PersonVersion = current.Person.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (Core.Common.DomainException e)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Candidate.MentorMemberId", e.Message);
            await LoadListsAsync();
            return Page();
        }
        catch (DbUpdateException) when (Person.CitizenId is not null)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Person.CitizenId", "Số CCCD này đã có trong hệ thống (trùng với một người khác).");
            await LoadListsAsync();
            return Page();
        }
        TempData["Success"] = id is null ? $"Đã thêm quần chúng {c.Person.FullName} vào danh sách nguồn." : $"Đã lưu hồ sơ {c.Person.FullName}.";
        if (Warnings.Count > 0) TempData["Success"] += " Lưu ý: " + string.Join(" ", Warnings);
        return Redirect($"/Candidates/Details/{c.Id}");
    }

    private async Task LoadListsAsync()
    {
        Cells = await Lookups.CellsAsync(db);
        Sources = await db.SourceCategories.Where(s => s.IsActive || Candidate.SourceCategoryIds.Contains(s.Id)).OrderBy(s => s.SortOrder).ToListAsync();
        if (Candidate.CellId is { } cell)
        {
            var mentors = await db.Members.Where(m => m.CellId == cell && m.Status == MemberStatus.Official)
                .OrderBy(m => m.Person.NameSortKey).Select(m => new { m.Id, m.Person.FullName }).ToListAsync();
            Mentors = mentors.Select(m => new SelectListItem(m.FullName, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        }
    }
}
