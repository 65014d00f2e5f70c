using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using static PhatTrienDangVien.Web.Pages.Candidates.StepForm;

namespace PhatTrienDangVien.Web.Pages.Candidates;

/// <summary>Records one step of the procedure: one short form, only for the steps allowed now.</summary>
public class StepModel(AdmissionService admission, AppDbContext db) : PageModel
{
    // The relatives whose history is verified (Hướng dẫn 06-HD/TW): a row each, left empty when there is none.
    private static readonly string[] s_relatives = ["Cha", "Mẹ", "Vợ/Chồng", "Cha vợ/chồng", "Mẹ vợ/chồng", "Con"];

    [BindProperty(SupportsGet = true)] public AdmissionStepKind Kind { get; set; }
    [BindProperty] public StepForm Form { get; set; } = new();
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public AdmissionService.LoadedCase Loaded { get; private set; } = null!;
    public FieldGroup Group => GroupOf(Kind);
    public List<SelectListItem> CellMembers { get; private set; } = [];
    public (int Official, int Excludable, bool HasSubCommittee) Register { get; private set; }
    public int SubCommitteeSize { get; private set; }
    public string? RefusedRule { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (await LoadAsync(id) is { } problem) return problem;
        Form.Date = Loaded.Context.Today;
        if (Group == FieldGroup.Decision) Form.DecidingBody = await db.Organisations.IgnoreQueryFilters()
            .Where(o => o.Id == Loaded.Candidate.CommuneId).Select(o => o.AdmissionAuthority).FirstOrDefaultAsync();
        if (Group == FieldGroup.History)
            Form.Relatives = s_relatives.Select(r => new RelativeRow { Relationship = r }).ToList();
        if (Group == FieldGroup.Introduction) Form.Introducers = [new(), new()];
        if (Group == FieldGroup.Mentor) Form.MentorMemberId = Loaded.Candidate.MentorMemberId;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } problem) return problem;
        if (!ModelState.IsValid) return Page();
        try
        {
            var files = await admission.ReadUploadsAsync(Files);
            var step = await admission.RecordAsync(Loaded, await RecorderAsync(), files);
            TempData["Success"] = $"Đã ghi: {StepNames.Of(step.Kind)} ngày {step.Date:dd/MM/yyyy}." + (step.IsLate ? " Bước này trễ hạn." : "");
            return Redirect($"/Candidates/Timeline/{id}");
        }
        catch (DomainException e)
        {
            ModelState.AddModelError("", e.Message);
            RefusedRule = e.Rule;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Hồ sơ này vừa được người khác ghi thêm một bước trong lúc bạn nhập; bước của bạn chưa được ghi. Hãy mở lại quá trình để xem bước mới rồi ghi lại nếu vẫn cần.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var loaded = await admission.LoadAsync(id);
        if (loaded is null) return NotFound();
        Loaded = loaded;
        // A mentor writes assessments of the candidates they follow; everything else is the cell's and the office's.
        if (!db.Scope.CanEditRecords && !(db.Scope.Role == Roles.Mentor && Kind == AdmissionStepKind.MentorAssessment)) return Forbid();
        if (!Enum.IsDefined(Kind)) return BadRequest();
        Register = await admission.RegisterAsync(loaded.Candidate.CellId);
        if (Kind == AdmissionStepKind.SubCommitteeVote) SubCommitteeSize = await admission.SubCommitteeSizeAsync(loaded.Candidate.CellId);
        var members = await db.Members.IgnoreQueryFilters()
            .Where(m => m.CellId == loaded.Candidate.CellId && m.Status == MemberStatus.Official && m.PersonId != loaded.Candidate.PersonId)
            .OrderBy(m => m.Person.NameSortKey).Select(m => new { m.Id, m.Person.FullName }).ToListAsync();
        CellMembers = members.Select(m => new SelectListItem(m.FullName, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        return null;
    }

    private async Task<Func<AdmissionCase, StepContext, StepRecord>> RecorderAsync()
    {
        var f = Form;
        var date = f.Date!.Value;
        var doc = VietnameseText.Normalize(f.DocumentNumber);
        var note = VietnameseText.Normalize(f.Note);
        T With<T>(T input) where T : StepInput => input with { Date = date, DocumentNumber = doc, Note = note };
        int Required(int? value, string label) => value ?? throw new DomainException($"Hãy nhập {label}.", ProcedureRules.RequiredField.Key, ProcedureRules.RequiredField.Citation);

        switch (Group)
        {
            case FieldGroup.Mentor:
                var mentor = Required(f.MentorMemberId, "đảng viên giúp đỡ");
                await admission.CheckMentorAsync(Loaded.Candidate, Kind, mentor);
                var input = With(new MentorInput { MentorMemberId = mentor });
                return Kind switch
                {
                    AdmissionStepKind.MentorAssessment => (c, ctx) => c.RecordMentorAssessment(input, ctx),
                    AdmissionStepKind.ProbationMentorAssigned => (c, ctx) => c.RecordProbationMentorAssigned(input, ctx),
                    _ => (c, ctx) => c.RecordMentorAssigned(input, ctx),
                };
            case FieldGroup.Class:
                var cls = With(new ClassInput { CertificateNumber = VietnameseText.Normalize(f.CertificateNumber) ?? "", CertificateDate = f.CertificateDate ?? date });
                return Kind == AdmissionStepKind.NewMemberClass ? (c, ctx) => c.RecordNewMemberClass(cls, ctx) : (c, ctx) => c.RecordAwarenessClass(cls, ctx);
            case FieldGroup.History:
                var people = f.Relatives.Where(r => !string.IsNullOrWhiteSpace(r.FullName))
                    .Select(r => new RelativeVerification { Relationship = VietnameseText.Normalize(r.Relationship) ?? "", FullName = VietnameseText.Normalize(r.FullName)!, Result = r.Result }).ToList();
                var history = With(new PersonalHistoryInput { People = people });
                return (c, ctx) => c.RecordPersonalHistory(history, ctx);
            case FieldGroup.Introduction:
                var ids = f.Introducers.Where(i => i.MemberId is not null).Select(i => i.MemberId!.Value).ToList();
                // Status and official date come from the register, never from the form.
                var register = await db.Members.IgnoreQueryFilters().Where(m => ids.Contains(m.Id) && m.CommuneId == Loaded.Candidate.CommuneId)
                    .ToDictionaryAsync(m => m.Id);
                var introducers = f.Introducers.Where(i => i.MemberId is { } mid && register.ContainsKey(mid)).Select(i => new IntroducerInput
                {
                    MemberId = i.MemberId!.Value, Status = register[i.MemberId.Value].Status, OfficialSince = register[i.MemberId.Value].OfficialDate,
                    TogetherSince = i.TogetherSince ?? date,
                }).ToList();
                var intro = With(new IntroductionInput
                {
                    Path = f.Path, Introducers = introducers, ApplicantIsYouthUnionMember = Loaded.Candidate.Person.IsYouthUnionMember,
                    NoYouthUnionOrganisation = f.NoYouthUnionOrganisation, OrganisationResolutionNumber = VietnameseText.Normalize(f.OrganisationResolutionNumber),
                });
                return (c, ctx) => c.RecordIntroduction(intro, ctx);
            case FieldGroup.CellVote:
            case FieldGroup.Vote:
                var roster = await admission.RosterAsync(Loaded.Candidate.CellId, f.ExcludedAbsent);
                var votes = (For: Required(f.For, "số tán thành"), Against: Required(f.Against, "số không tán thành"), Present: Required(f.Present, "số có mặt"));
                if (Group == FieldGroup.Vote)
                {
                    var vote = With(new VoteInput { For = votes.For, Against = votes.Against, Present = votes.Present });
                    return (c, ctx) => c.RecordRecognitionVote(vote, roster, ctx);
                }
                var cellVote = With(new CellVoteInput { For = votes.For, Against = votes.Against, Present = votes.Present, Over60ConsentDocument = VietnameseText.Normalize(f.Over60ConsentDocument) });
                return (c, ctx) => c.RecordCellVote(cellVote, roster, ctx);
            case FieldGroup.SubCommitteeVote:
                var sub = With(new VoteInput { For = Required(f.For, "số tán thành"), Against = Required(f.Against, "số không tán thành"), Present = Required(f.Present, "số có mặt") });
                var size = SubCommitteeSize;
                return (c, ctx) => c.RecordSubCommitteeVote(sub, new SubCommitteeRoster(size), ctx);
            case FieldGroup.Decision:
                var decision = With(new DecisionInput { ReceivedByCellOn = f.ReceivedByCellOn, DecidingBody = VietnameseText.Normalize(f.DecidingBody) });
                return (c, ctx) => c.RecordDecision(decision, ctx);
            case FieldGroup.Ceremony:
                var ceremony = With(new CeremonyInput { LateConsentDocument = VietnameseText.Normalize(f.LateConsentDocument) });
                return (c, ctx) => c.RecordCeremony(ceremony, ctx);
            case FieldGroup.Reason:
                var reason = With(new ReasonInput { Reason = VietnameseText.Normalize(f.Reason) ?? "" });
                return Kind switch
                {
                    AdmissionStepKind.Removal => (c, ctx) => c.RecordRemoval(reason, ctx),
                    AdmissionStepKind.Withdrawal => (c, ctx) => c.RecordWithdrawal(reason, ctx),
                    _ => (c, ctx) => c.RecordDecisionExtension(reason, ctx),
                };
            default:
                var simple = With(new SimpleStepInput());
                return Kind switch
                {
                    AdmissionStepKind.SourcePool => (c, ctx) => c.RecordSourcePool(simple, ctx),
                    AdmissionStepKind.Application => (c, ctx) => c.RecordApplication(simple, ctx),
                    AdmissionStepKind.Opinions => (c, ctx) => c.RecordOpinions(simple, ctx),
                    AdmissionStepKind.RecognitionDecision => (c, ctx) => c.RecordRecognitionDecision(simple, ctx),
                    _ => throw new DomainException("Bước này không ghi bằng biểu mẫu này.", ProcedureRules.StepOrder.Key, ProcedureRules.StepOrder.Citation),
                };
        }
    }
}
