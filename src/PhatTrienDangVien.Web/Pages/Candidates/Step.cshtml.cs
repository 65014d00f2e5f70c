using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using static PhatTrienDangVien.Web.Pages.Candidates.StepForm;

namespace PhatTrienDangVien.Web.Pages.Candidates;

/// <summary>
/// One short form per step, for the steps allowed now. Posting maps the form into <see cref="RecordStep"/>, the same
/// command the API calls; this page only shows what the register says and the command's answer.
/// </summary>
// The least any step needs; the command then checks the permission of the chosen kind (PermissionTable.ForStep).
[RequirePermission(Permission.WriteAssessment)]
public class StepModel(AdmissionCases cases, VoterRegister register, RecordStep recordStep, Access access, AppDbContext db, CalendarService calendars) : PageModel
{
    // The relatives whose history is verified (Hướng dẫn 06-HD/TW): a row each, left empty when there is none.
    private static readonly string[] s_relatives = ["Bản thân", "Cha", "Mẹ", "Vợ/Chồng", "Cha vợ/chồng", "Mẹ vợ/chồng", "Con"];

    /// <summary>The kind as named in the address or the form; read by <see cref="StepKinds"/>, as the API reads it.</summary>
    [BindProperty(SupportsGet = true, Name = "kind")] public string? RequestedKind { get; set; }
    public AdmissionStepKind Kind { get; private set; }
    [BindProperty] public StepData Form { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public LoadedCase Loaded { get; private set; } = null!;
    public FieldGroup Group => GroupOf(Kind);
    public List<SelectListItem> CellMembers { get; private set; } = [];
    public (int Official, int Excludable, bool HasSubCommittee) Register { get; private set; }
    public int SubCommitteeSize { get; private set; }
    public DateOnly RegisterDate { get; private set; }
    public List<(int Id, string FullName, bool Excludable)> Counted { get; private set; } = [];
    /// <summary>The rule that refused the step, shown with its citation (and as data-rule for tests and integrations).</summary>
    public string? RefusedRule { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem) return problem;
        Form.Date = Loaded.Context.Today;
        if (Group == FieldGroup.Decision) Form.DecidingBody = await db.Organisations.WholeCommune()
            .Where(o => o.Id == Loaded.Candidate.CommuneId).Select(o => o.AdmissionAuthority).FirstOrDefaultAsync(ct);
        if (Group == FieldGroup.History)
            Form.People = s_relatives.Select(r => new RelativeData { Relationship = r, Result = VerificationResult.Verified }).ToList();
        if (Group == FieldGroup.Introduction)
        {
            Form.Introducers = [new(), new()];
            Form.Path = IntroductionPath.TwoMembers;
        }
        if (Group == FieldGroup.Mentor) Form.MentorMemberId = Loaded.Candidate.MentorMemberId;
        // The certificate is dated the day the class ends, the day recorded: one field less to type on a phone.
        if (Group == FieldGroup.Class) Form.CertificateDate = Form.Date;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } problem) return problem;
        if (!ModelState.IsValid) return Page();
        // The form always shows a row for each relative and two introducers; the empty ones are not part of the step.
        var data = Form;
        data.People = [.. data.People.Where(p => !string.IsNullOrWhiteSpace(p.FullName))];
        data.Introducers = [.. data.Introducers.Where(i => i.MemberId is not null || i.TogetherSince is not null)];
        var outcome = await recordStep.HandleAsync(id, Kind, data, [.. Files.Select(Scans.FromForm)], ct);
        RefusedRule = outcome.Rule;
        if (this.Show(outcome, "Form.") is { } shown) return shown;
        var step = outcome.Value!;
        TempData["Success"] = $"Đã ghi: {StepNames.Of(step.Kind)} ngày {step.Date:dd/MM/yyyy}." + (step.IsLate ? " Bước này trễ hạn." : "");
        return Redirect($"/Candidates/Timeline/{id}");
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        var loaded = await cases.LoadAsync(id, ct);
        if (loaded is null) return NotFound();
        Loaded = loaded;
        if (string.Equals(RequestedKind?.Trim(), NextKind, StringComparison.OrdinalIgnoreCase))
        {
            // A link from the home page or a notification names no kind: it opens the step to record now.
            var today = loaded.Context.Today;
            var next = Core.Admission.Deadlines.NextAction(loaded.Case, loaded.Rules, await calendars.GetAsync(ct), today);
            if (PrimaryKind(next, [.. loaded.Case.AllowedNext(loaded.Rules, today).Where(access.MayRecord)]) is not { } primary)
            {
                TempData["Error"] = "Lúc này không có bước nào đồng chí ghi được cho hồ sơ này; xem các bước đã thực hiện và bước tiếp theo dưới đây.";
                return Redirect($"/Candidates/Timeline/{id}");
            }
            RequestedKind = primary.ToString();
        }
        if (!StepKinds.TryParse(RequestedKind, out var kind)) return BadRequest();
        Kind = kind;
        if (!access.MayRecord(Kind)) return Forbid();
        // The voters as the cell stood on the step's date (today until a date is entered), and who they are.
        var on = Form.Date is { Year: >= 1900 and <= 2199 } entered ? entered : loaded.Context.Today;
        RegisterDate = on;
        Register = await register.CellAsync(loaded.Candidate.CellId, on, ct);
        if (Group is FieldGroup.CellVote or FieldGroup.Vote) Counted = await register.CountedAsync(loaded.Candidate.CellId, on, ct);
        if (Kind == AdmissionStepKind.SubCommitteeVote) SubCommitteeSize = await register.SubCommitteeSizeAsync(loaded.Candidate.CellId, ct);
        var members = await register.OfficialMembersAsync(loaded.Candidate, ct);
        // Someone who may only write assessments writes them in their own name: the list offers them alone.
        if (!access.Has(Permission.RecordStep)) members = [.. members.Where(m => m.Id == access.Scope.MentorMemberId)];
        CellMembers = members.Select(m => new SelectListItem(m.FullName, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return null;
    }
}
