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
[RequirePermission(Permission.ReadRecords)]
public class TimelineModel(AdmissionCases cases, CalendarService calendars, Scans scans, Access access, AppDbContext db, VoterRegister register, Auditing.AccessTrail trail,
    Web.Documents.IssueForm issue, Web.Documents.DocumentNumbering numbering) : PageModel
{
    public LoadedCase Loaded { get; private set; } = null!;
    public PendingAction? Next { get; private set; }
    public IReadOnlyList<Deadline> Deadlines { get; private set; } = [];
    public IReadOnlyList<AdmissionStepKind> Allowed { get; private set; } = [];
    public RuleSet RulesToday { get; private set; } = null!;
    public DateOnly Today => Loaded.Context.Today;
    public Dictionary<int, string> MemberNames { get; private set; } = [];
    /// <summary>The classes the person was proposed for or took, newest first.</summary>
    public List<ClassRow> Classes { get; private set; } = [];

    public sealed record ClassRow(int ClassId, string ClassName, DateOnly OpensOn, DateOnly ClosesOn, Core.Classes.EnrolmentStatus Status, string? StatusReason,
        Core.Classes.ClassResult Result, string? Grade, string? FailReason, string? CertificateNumber);
    /// <summary>"Người ghi" by the person's name (a step keeps the login).</summary>
    public Dictionary<string, string> RecorderNames { get; private set; } = [];
    public ILookup<int, AttachmentRow> Attachments { get; private set; } = Enumerable.Empty<AttachmentRow>().ToLookup(a => a.StepId);

    public sealed record AttachmentRow(int Id, int StepId, string FileName, long Length);

    /// <summary>The forms issued for each step, newest first: what was signed stays downloadable.</summary>
    public ILookup<int, IssuedRow> Issued { get; private set; } = Enumerable.Empty<IssuedRow>().ToLookup(a => a.StepId);

    public sealed record IssuedRow(int Id, int StepId, string FormCode, int Variant, string? Number, string FileName, string IssuedBy, DateTime IssuedAtUtc);

    /// <summary>Whether the user may issue the forms of a step of this kind (who may record the step).</summary>
    public bool MayIssueFor(AdmissionStepKind kind) => access.Has(Permission.IssueForms) && access.MayRecord(kind);

    /// <summary>Whether the user may issue this form (a committee's paper only within a scope reaching the committee).</summary>
    public bool MayIssue(AdmissionStepKind kind, Web.Documents.FormDefinition form) => Web.Documents.IssueForm.MayIssue(access, kind, form);

    /// <summary>The number each numbered paper would carry if issued now, and why.</summary>
    public Dictionary<(int StepId, string Form, int Variant), Web.Documents.NumberProposal?> Proposals { get; private set; } = [];

    /// <summary>For each recorded cell vote, the members today's register counts on the vote's date: shown as a list beside the figures recorded with the vote, which are what the vote decided on.</summary>
    public Dictionary<int, List<(int Id, string FullName, bool Excludable)>> Counted { get; } = [];

    /// <summary>Whether the user may record at least one step, and which scans they may attach (to steps of kinds they may record).</summary>
    public bool CanRecord => access.Has(Permission.WriteAssessment);
    public bool MayAttachTo(AdmissionStepKind kind) => access.MayRecord(kind);

    /// <summary>The step behind the page's one big button (<see cref="StepForm.PrimaryKind"/>).</summary>
    public AdmissionStepKind? Primary => StepForm.PrimaryKind(Next, Allowed);

    /// <summary>Who recorded a step or issued a paper, by the account's full name (the login is stored; people know each other by name).</summary>
    public string Recorder(string login) => Auditing.ActorNames.Of(RecorderNames, null, login);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var loaded = await cases.LoadAsync(id, ct);
        if (loaded is null) return NotFound();
        Loaded = loaded;
        var calendar = await calendars.GetAsync(ct);
        Next = Core.Admission.Deadlines.NextAction(loaded.Case, loaded.Rules, calendar, Today);
        Deadlines = Core.Admission.Deadlines.For(loaded.Case, loaded.Rules, calendar);
        Allowed = loaded.Case.AllowedNext(loaded.Rules, Today).Where(access.MayRecord).ToList();
        RulesToday = loaded.Rules.At(Today);
        MemberNames = await StepText.MemberNamesAsync(db, loaded.Case.Steps, ct);
        // A cell votes in the cell of the case; the list is the register as it stood on the vote's date.
        foreach (var vote in loaded.Case.Steps.Where(s => s.Kind is AdmissionStepKind.CellVote or AdmissionStepKind.RecognitionVote))
            Counted[vote.Id] = await register.CountedAsync(loaded.Candidate.CellId, vote.Date, ct);
        var stepIds = loaded.Case.Steps.Select(s => s.Id).ToList();
        Attachments = (await db.StepAttachments.AsNoTracking().Where(a => stepIds.Contains(a.StepId))
            .Select(a => new AttachmentRow(a.Id, a.StepId, a.FileName, a.Length)).ToListAsync(ct)).ToLookup(a => a.StepId);
        Issued = (await db.IssuedDocuments.AsNoTracking().Where(d => d.CandidateId == id).OrderByDescending(d => d.Id)
            .Select(d => new IssuedRow(d.Id, d.StepId, d.FormCode, d.Variant, d.Number, d.FileName, d.IssuedBy, d.IssuedAtUtc)).ToListAsync(ct)).ToLookup(d => d.StepId);
        if (access.Has(Permission.IssueForms)) Proposals = await numbering.ProposalsAsync(loaded, ct);
        Classes = await db.ClassEnrolments.AsNoTracking().Where(e => e.CandidateId == id).OrderByDescending(e => e.Class.OpensOn)
            .Select(e => new ClassRow(e.ClassId, e.Class.Name, e.Class.OpensOn, e.Class.ClosesOn, e.Status, e.StatusReason, e.Result, e.Grade, e.FailReason, e.CertificateNumber))
            .ToListAsync(ct);
        RecorderNames = await Auditing.ActorNames.OfLoginsAsync(db,
            loaded.Case.Steps.Select(s => s.RecordedBy).Concat(Issued.SelectMany(g => g).Select(d => d.IssuedBy)).Distinct(), ct);
        return Page();
    }

    /// <summary>Fills a form of a step from the data, keeps it with the step and hands the file over (one click).</summary>
    [RequireHandlerPermission(Permission.IssueForms)]
    public async Task<IActionResult> OnPostIssueAsync(int id, int stepId, string form, int variant, string? number, bool confirmNumber, CancellationToken ct)
    {
        var outcome = await issue.HandleAsync(id, stepId, form, variant, number, ct, confirmNumber);
        switch (outcome.Status)
        {
            case Application.OutcomeStatus.NotFound: return NotFound();
            case Application.OutcomeStatus.Forbidden: return Forbid();
            case Application.OutcomeStatus.Done:
                var doc = outcome.Value!;
                Response.Headers.ContentDisposition = $"attachment; filename*=UTF-8''{Uri.EscapeDataString(doc.FileName)}";
                return File(doc.Content, DocxContentType);
            default:
                TempData["Error"] = outcome.Message ?? string.Join(" ", outcome.Errors.Select(e => e.Message));
                // A number far above the next: the same box comes back with what was typed and the box to confirm it.
                if (outcome.Errors.Any(e => e.Field == Web.Documents.DocumentNumbering.JumpField))
                    TempData[JumpKey] = $"{stepId}|{form}|{variant}|{number}";
                return Redirect($"/Candidates/Timeline/{id}");
        }
    }

    private const string JumpKey = "NumberJump";

    /// <summary>
    /// The paper whose typed number waits for confirmation, and the number typed (after a refusal). Read once per page:
    /// reading takes it out of TempData, so it shows on the page after the refusal only.
    /// </summary>
    public (int StepId, string Form, int Variant, string Number)? Jump => (_jump ??= new(ReadJump)).Value;

    private Lazy<(int StepId, string Form, int Variant, string Number)?>? _jump;

    private (int StepId, string Form, int Variant, string Number)? ReadJump() =>
        TempData[JumpKey] is string v && v.Split('|', 4) is [var s, var f, var n, var typed]
            && int.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var step) && int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var variant)
            ? (step, f, variant, typed) : null;

    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A form as it was issued (the exact file kept with the step).</summary>
    public async Task<IActionResult> OnGetDocumentAsync(int id, int documentId, CancellationToken ct)
    {
        // The query filters reach the paper only through a candidate in the user's scope.
        var d = await db.IssuedDocuments.AsNoTracking().Where(x => x.Id == documentId && x.CandidateId == id).FirstOrDefaultAsync(ct);
        if (d is null) return NotFound();
        await trail.DocumentDownloadedAsync(id, d.Id, d.FileName, ct);
        Response.Headers.ContentDisposition = $"attachment; filename*=UTF-8''{Uri.EscapeDataString(d.FileName)}";
        return File(d.Content, DocxContentType);
    }

    /// <summary>Adds scans to a step already recorded (the signed paper often arrives after the meeting).</summary>
    public async Task<IActionResult> OnPostAttachAsync(int id, int stepId, List<IFormFile> files, CancellationToken ct)
    {
        var outcome = await scans.AttachAsync(id, stepId, [.. files.Select(Scans.FromForm)], ct);
        switch (outcome.Status)
        {
            case Application.OutcomeStatus.NotFound: return NotFound();
            case Application.OutcomeStatus.Forbidden: return Forbid();
            case Application.OutcomeStatus.Done:
                TempData["Success"] = $"Đã đính kèm tệp vào bước “{StepNames.Of(outcome.Value!.Kind)}”.";
                break;
            default:
                TempData["Error"] = outcome.Message;
                break;
        }
        return Redirect($"/Candidates/Timeline/{id}");
    }

    public async Task<IActionResult> OnGetFileAsync(int id, int attachmentId, CancellationToken ct)
    {
        // The query filter reaches the file only through a step of a candidate in the user's scope.
        var a = await db.StepAttachments.AsNoTracking().Where(x => x.Id == attachmentId && x.Step!.CandidateId == id).FirstOrDefaultAsync(ct);
        if (a is null) return NotFound();
        await trail.DownloadedAsync(id, a.Id, a.FileName, ct);
        Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(a.FileName)}";
        return File(a.Content, a.ContentType);
    }
}
