using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Members;

[RequirePermission(Permission.ReadRecords)]
public class DetailsModel(AppDbContext db, People.PersonalData personal, People.ExportPersonData export, Access access, Admission.OpenRecognition openRecognition) : PageModel
{
    public Member Member { get; private set; } = null!;
    public List<AuditRow> Audit { get; private set; } = [];
    /// <summary>The person left the party and has no case open: the office may open one for re-admission.</summary>
    public bool MayReadmit { get; private set; }
    /// <summary>The member's exits from the roll: proposals, decisions, not approved.</summary>
    public List<Core.People.MemberExit> Exits { get; private set; } = [];
    /// <summary>The admission case that made this person a member, when it was run in the application.</summary>
    public int? CaseId { get; private set; }

    /// <summary>A probationary member from the register, without a case, whom this user may open one for (the button).</summary>
    public bool MayOpenRecognition { get; private set; }

    /// <summary>The citizen ID and phone number in full: only after "Hiện số", which the trail records.</summary>
    public bool ShowIdentifiers { get; private set; }
    public bool MayReveal => personal.MayReveal;
    public PersonCard Card => new(Member.Person, ShowIdentifiers, MayReveal);

    public Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => LoadAsync(id, ct);

    /// <summary>"Hiện số": the same page with the full numbers, recorded on the access trail.</summary>
    [RequireHandlerPermission(Permission.ViewPersonalIdentifiers)]
    public async Task<IActionResult> OnPostRevealAsync(int id, CancellationToken ct)
    {
        var page = await LoadAsync(id, ct);
        if (page is PageResult) ShowIdentifiers = await personal.RevealAsync([Member.Person], People.PersonalData.ViaPersonPage, ct);
        return page;
    }

    /// <summary>Everything held about this person, as a file (recorded on the access trail).</summary>
    [RequireHandlerPermission(Permission.ViewPersonalIdentifiers)]
    public async Task<IActionResult> OnPostExportPersonAsync(int id, CancellationToken ct)
    {
        var outcome = await export.HandleAsync(id, null, ct);
        return outcome.IsDone ? File(outcome.Value!.Content, outcome.Value.ContentType, outcome.Value.FileName) : NotFound();
    }

    /// <summary>"Mở hồ sơ xét công nhận chính thức": the case from the register data, then its timeline.</summary>
    [RequireHandlerPermission(Permission.RecordStep)]
    public async Task<IActionResult> OnPostOpenRecognitionAsync(int id, CancellationToken ct)
    {
        var outcome = await openRecognition.HandleAsync(id, ct);
        if (outcome.IsDone)
        {
            TempData["Success"] = "Đã mở hồ sơ xét công nhận chính thức: những gì sổ đảng viên ghi về việc kết nạp đã được ghi vào quá trình kết nạp; hãy ghi tiếp các bước của thời kỳ dự bị.";
            return Redirect($"/Candidates/Timeline/{outcome.Value!.Id}");
        }
        var page = await LoadAsync(id, ct);
        return page is PageResult ? this.Show(outcome) ?? page : page;
    }

    [RequireHandlerPermission(Permission.EditPerson)]
    public async Task<IActionResult> OnPostReadmitAsync(int id, [FromServices] Web.Exits.OpenReadmission open, CancellationToken ct)
    {
        var outcome = await open.HandleAsync(id, ct);
        if (outcome.IsDone)
        {
            TempData["Success"] = "Đã mở hồ sơ xin kết nạp lại. " + string.Join(" ", outcome.Warnings);
            return Redirect($"/Candidates/Timeline/{outcome.Value!.Id}");
        }
        var page = await LoadAsync(id, ct);
        return page is PageResult ? this.Show(outcome) ?? page : page;
    }

    private async Task<IActionResult> LoadAsync(int id, CancellationToken ct)
    {
        var m = await db.Members.AsNoTracking().Include(x => x.Person).ThenInclude(p => p.Hamlet).Include(x => x.Cell)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null) return NotFound();
        Member = m;
        // The latest case: a person re-admitted has the old one and the new one.
        CaseId = await db.Candidates.WholeCommune().Where(c => c.PersonId == m.PersonId).OrderByDescending(c => c.Id)
            .Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        MayReadmit = Core.People.MemberStatuses.LeftTheParty(m.Status) && access.Has(Permission.EditPerson)
            && !await db.Candidates.WholeCommune().AnyAsync(c => c.PersonId == m.PersonId && c.Status == CandidateStatus.Active, ct);
        MayOpenRecognition = CaseId is null && access.MayRecord(Core.Admission.AdmissionStepKind.RecognitionVote)
            && await openRecognition.RefusalAsync(m, ct) is null;
        Exits = await db.MemberExits.AsNoTracking().Where(e => e.MemberId == m.Id).OrderBy(e => e.ProposedOn ?? e.DecidedOn).ThenBy(e => e.Id).ToListAsync(ct);
        Audit = await AuditTrail.ForAsync(db, ct, (nameof(Core.People.Member), m.Id), (nameof(Person), m.PersonId));
        return Page();
    }
}
