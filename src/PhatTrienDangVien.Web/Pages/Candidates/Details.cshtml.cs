using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Candidates;

[RequirePermission(Permission.ReadRecords)]
public class DetailsModel(AppDbContext db, TimeProvider clock, People.PersonalData personal, People.ExportPersonData export,
    Admission.CandidateProgress progress) : PageModel
{
    public Candidate Candidate { get; private set; } = null!;
    public List<AuditRow> Audit { get; private set; } = [];
    /// <summary>The mentor's name, read across the commune: part of this visible case (see the candidate list).</summary>
    public string? MentorName { get; private set; }
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);
    /// <summary>The case's stage and next step with its due date, as the timeline and the work list say them.</summary>
    public Admission.CandidateProgress.Progress? Progress { get; private set; }

    /// <summary>The citizen ID and phone number in full: only after "Hiện số", which the trail records.</summary>
    public bool ShowIdentifiers { get; private set; }
    public bool MayReveal => personal.MayReveal;
    public PersonCard Card => new(Candidate.Person, ShowIdentifiers, MayReveal);

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => LoadAsync(id, ct);

    /// <summary>"Hiện số": the same page with the full numbers, recorded on the access trail.</summary>
    [RequireHandlerPermission(Permission.ViewPersonalIdentifiers)]
    public async Task<IActionResult> OnPostRevealAsync(int id, CancellationToken ct)
    {
        var page = await LoadAsync(id, ct);
        if (page is PageResult) ShowIdentifiers = await personal.RevealAsync([Candidate.Person], People.PersonalData.ViaPersonPage, ct);
        return page;
    }

    /// <summary>Everything held about this person, as a file (recorded on the access trail).</summary>
    [RequireHandlerPermission(Permission.ViewPersonalIdentifiers)]
    public async Task<IActionResult> OnPostExportPersonAsync(int id, CancellationToken ct)
    {
        var outcome = await export.HandleAsync(null, id, ct);
        return outcome.IsDone ? File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName) : NotFound();
    }

    private async Task<IActionResult> LoadAsync(int id, CancellationToken ct)
    {
        var c = await db.Candidates.AsNoTracking().Include(x => x.Person).ThenInclude(p => p.Hamlet).Include(x => x.Cell)
            .Include(x => x.Sources).ThenInclude(s => s.SourceCategory)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return NotFound();
        Candidate = c;
        if (c.MentorMemberId is { } mentor)
            MentorName = await db.Members.WholeCommune().Where(m => m.Id == mentor).Select(m => m.Person.FullName).FirstOrDefaultAsync(ct);
        Progress = await progress.ForAsync(c.Id, c.Person.DateOfBirth, ct);
        Audit = await AuditTrail.ForAsync(db, ct, (nameof(Core.People.Candidate), c.Id), (nameof(Person), c.PersonId));
        return Page();
    }
}
