using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Candidates;

/// <summary>Every step of one case, what comes next and by when, and the rules that apply.</summary>
public class TimelineModel(AdmissionService admission, CalendarService calendar, AppDbContext db) : PageModel
{
    public AdmissionService.LoadedCase Loaded { get; private set; } = null!;
    public PendingAction? Next { get; private set; }
    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];
    public IReadOnlyList<AdmissionStepKind> Allowed { get; private set; } = [];
    public RuleSet RulesToday { get; private set; } = null!;
    public DateOnly Today => Loaded.Context.Today;
    public Dictionary<int, string> MemberNames { get; private set; } = [];
    public ILookup<int, AttachmentRow> Attachments { get; private set; } = Enumerable.Empty<AttachmentRow>().ToLookup(a => a.StepId);

    public sealed record AttachmentRow(int Id, int StepId, string FileName, long Length);

    public bool CanRecord => db.Scope.CanEditRecords || db.Scope.Role == Roles.Mentor;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var loaded = await admission.LoadAsync(id);
        if (loaded is null) return NotFound();
        Loaded = loaded;
        Next = Core.Admission.Deadlines.NextAction(loaded.Case, loaded.Rules, calendar.Calendar, Today);
        Deadlines = Core.Admission.Deadlines.For(loaded.Case, loaded.Rules, calendar.Calendar);
        Allowed = loaded.Case.AllowedNext(loaded.Rules, Today)
            .Where(k => db.Scope.CanEditRecords || k == AdmissionStepKind.MentorAssessment).ToList();
        RulesToday = loaded.Rules.At(Today);
        MemberNames = await StepText.MemberNamesAsync(db, loaded.Case.Steps);
        var stepIds = loaded.Case.Steps.Select(s => s.Id).ToList();
        Attachments = (await db.StepAttachments.AsNoTracking().Where(a => stepIds.Contains(a.StepId))
            .Select(a => new AttachmentRow(a.Id, a.StepId, a.FileName, a.Length)).ToListAsync()).ToLookup(a => a.StepId);
        return Page();
    }

    /// <summary>Adds scans to a step already recorded (the signed paper often arrives after the meeting).</summary>
    public async Task<IActionResult> OnPostAttachAsync(int id, int stepId, List<IFormFile> files)
    {
        if (!db.Scope.CanEditRecords) return Forbid();
        var step = await db.AdmissionSteps.FirstOrDefaultAsync(s => s.Id == stepId && s.CandidateId == id);
        if (step is null) return NotFound();
        try
        {
            var list = await admission.ReadUploadsAsync(files);
            if (list.Count == 0) throw new Core.Common.DomainException("Hãy chọn ít nhất một tệp.");
            foreach (var a in list)
            {
                a.StepId = step.Id;
                db.StepAttachments.Add(a);
            }
            await db.SaveChangesAsync();
            TempData["Success"] = $"Đã đính kèm {list.Count} tệp vào bước “{StepNames.Of(step.Kind)}”.";
        }
        catch (Core.Common.DomainException e)
        {
            TempData["Error"] = e.Message;
        }
        return Redirect($"/Candidates/Timeline/{id}");
    }

    public async Task<IActionResult> OnGetFileAsync(int id, int attachmentId)
    {
        // The query filter reaches the file only through a step of a candidate in the user's scope.
        var a = await db.StepAttachments.AsNoTracking().Where(x => x.Id == attachmentId && x.Step!.CandidateId == id).FirstOrDefaultAsync();
        if (a is null) return NotFound();
        Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(a.FileName)}";
        return File(a.Content, a.ContentType);
    }
}
