using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.People;

namespace PhatTrienDangVien.Web.Pages.Candidates;

[RequirePermission(Permission.EditPerson)]
public class EditModel(AppDbContext db, TimeProvider clock, SaveCandidate save) : PageModel
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
    /// <summary>The case has started: the mentor is shown, and changed on the timeline.</summary>
    public bool HasCase { get; private set; }
    public string? MentorName { get; private set; }

    private DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<IActionResult> OnGetAsync(int? id, int? cellId, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            Candidate.CellId = cellId;
            Candidate.AddedOn = Today;
        }
        else
        {
            var c = await db.Candidates.Include(x => x.Person).Include(x => x.Sources).FirstOrDefaultAsync(x => x.Id == id, ct);
            if (c is null) return NotFound();
            HasCase = await db.AdmissionSteps.AnyAsync(s => s.CandidateId == c.Id, ct);
            // Masked for every role: the stars sent back keep the stored numbers (PersonalData.KeepStored).
            Person = PersonalData.ForReader(c.Person, revealed: false);
            Candidate = CandidateInput.From(c);
            Version = c.Version;
            PersonVersion = c.Person.Version;
        }
        await LoadListsAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is not null) HasCase = await db.AdmissionSteps.AnyAsync(s => s.CandidateId == id, ct);
        if (ModelState.IsValid)
        {
            var outcome = await save.HandleAsync(id, new CandidateWrite(Person, Candidate, Version, PersonVersion), ct);
            Warnings = outcome.Warnings;
            if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
            {
                ModelState.Remove(nameof(Version));
                ModelState.Remove(nameof(PersonVersion));
                Version = current.Version;
                PersonVersion = current.Person.Version;
            }
            if (this.Show(outcome, conflicts: Conflicts) is not { } shown)
            {
                var c = outcome.Value!;
                TempData["Success"] = id is null ? $"Đã thêm quần chúng {c.Person.FullName} vào danh sách nguồn." : $"Đã lưu hồ sơ {c.Person.FullName}.";
                if (Warnings.Count > 0) TempData["Success"] += " Lưu ý: " + string.Join(" ", Warnings);
                return Redirect($"/Candidates/Details/{c.Id}");
            }
        }
        await LoadListsAsync(ct);
        return Page();
    }

    /// <summary>The official members of a cell, for the mentor list of the new-candidate form when the cell is chosen.</summary>
    public async Task<IActionResult> OnGetMentorsAsync(int cellId, CancellationToken ct)
    {
        if (!await PhatTrienDangVien.Web.Organisations.CellScope.IsCellInScopeAsync(db, cellId, ct)) return NotFound();
        var mentors = await db.Members.Where(m => m.CellId == cellId && m.Status == MemberStatus.Official)
            .OrderBy(m => m.Person.NameSortKey).Select(m => new { id = m.Id, name = m.Person.FullName }).ToListAsync(ct);
        return new JsonResult(mentors);
    }

    private async Task LoadListsAsync(CancellationToken ct)
    {
        Cells = await Lookups.CellsAsync(db, ct);
        Sources = await db.SourceCategories.Where(s => s.IsActive || Candidate.SourceCategoryIds.Contains(s.Id)).OrderBy(s => s.SortOrder).ToListAsync(ct);
        // The mentor as stored (never as posted: a forged id would otherwise show any member's name).
        if (Id is { } id && await db.Candidates.Where(c => c.Id == id).Select(c => c.MentorMemberId).FirstOrDefaultAsync(ct) is { } mentor)
        {
            Candidate.MentorMemberId = mentor;
            MentorName = await db.Members.WholeCommune().Where(m => m.Id == mentor).Select(m => m.Person.FullName).FirstOrDefaultAsync(ct);
        }
        if (Candidate.CellId is { } cell)
        {
            var mentors = await db.Members.Where(m => m.CellId == cell && m.Status == MemberStatus.Official)
                .OrderBy(m => m.Person.NameSortKey).Select(m => new { m.Id, m.Person.FullName }).ToListAsync(ct);
            Mentors = mentors.Select(m => new SelectListItem(m.FullName, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        }
    }
}
