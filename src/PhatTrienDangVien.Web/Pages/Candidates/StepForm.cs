using System.ComponentModel.DataAnnotations;
using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Web.Pages.Candidates;

/// <summary>The fields of every step kind; the page shows those of the chosen kind.</summary>
public sealed class StepForm
{
    [Display(Name = "Ngày"), Required(ErrorMessage = "Hãy nhập ngày của bước này.")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Số văn bản"), StringLength(50)]
    public string? DocumentNumber { get; set; }
    [Display(Name = "Ghi chú, nhận xét"), StringLength(2000)]
    public string? Note { get; set; }

    [Display(Name = "Đảng viên chính thức giúp đỡ")]
    public int? MentorMemberId { get; set; }

    [Display(Name = "Số giấy chứng nhận"), StringLength(50)]
    public string? CertificateNumber { get; set; }
    [Display(Name = "Ngày cấp giấy chứng nhận")]
    public DateOnly? CertificateDate { get; set; }

    public List<RelativeRow> Relatives { get; set; } = [];

    [Display(Name = "Hình thức giới thiệu")]
    public IntroductionPath Path { get; set; } = IntroductionPath.TwoMembers;
    public List<IntroducerRow> Introducers { get; set; } = [];
    [Display(Name = "Nơi làm việc không có tổ chức Đoàn")]
    public bool NoYouthUnionOrganisation { get; set; }
    [Display(Name = "Số nghị quyết giới thiệu của Đoàn / Công đoàn"), StringLength(50)]
    public string? OrganisationResolutionNumber { get; set; }

    [Display(Name = "Số tán thành"), Range(0, 10000, ErrorMessage = "Số phiếu không hợp lệ.")]
    public int? For { get; set; }
    [Display(Name = "Số không tán thành"), Range(0, 10000, ErrorMessage = "Số phiếu không hợp lệ.")]
    public int? Against { get; set; }
    [Display(Name = "Số có mặt"), Range(0, 10000, ErrorMessage = "Số người không hợp lệ.")]
    public int? Present { get; set; }
    [Display(Name = "Đảng viên miễn sinh hoạt / sinh hoạt tạm thời vắng mặt"), Range(0, 10000, ErrorMessage = "Số người không hợp lệ.")]
    public int ExcludedAbsent { get; set; }
    [Display(Name = "Văn bản đồng ý của Ban Thường vụ Tỉnh ủy (trên 60 tuổi)"), StringLength(100)]
    public string? Over60ConsentDocument { get; set; }

    [Display(Name = "Ngày chi bộ nhận quyết định")]
    public DateOnly? ReceivedByCellOn { get; set; }
    [Display(Name = "Cấp ra quyết định"), StringLength(200)]
    public string? DecidingBody { get; set; }
    [Display(Name = "Văn bản đồng ý tổ chức lễ muộn của cấp ủy cấp trên"), StringLength(100)]
    public string? LateConsentDocument { get; set; }

    [Display(Name = "Lý do"), StringLength(1000)]
    public string? Reason { get; set; }

    public sealed class RelativeRow
    {
        public string? Relationship { get; set; }
        public string? FullName { get; set; }
        public VerificationResult Result { get; set; } = VerificationResult.Verified;
    }

    public sealed class IntroducerRow
    {
        public int? MemberId { get; set; }
        public DateOnly? TogetherSince { get; set; }
    }

    public enum FieldGroup { Simple, Mentor, Class, History, Introduction, CellVote, Vote, SubCommitteeVote, Decision, Ceremony, Reason }

    public static FieldGroup GroupOf(AdmissionStepKind kind) => kind switch
    {
        AdmissionStepKind.MentorAssigned or AdmissionStepKind.MentorAssessment or AdmissionStepKind.ProbationMentorAssigned => FieldGroup.Mentor,
        AdmissionStepKind.AwarenessClass or AdmissionStepKind.NewMemberClass => FieldGroup.Class,
        AdmissionStepKind.PersonalHistory => FieldGroup.History,
        AdmissionStepKind.Introduction => FieldGroup.Introduction,
        AdmissionStepKind.CellVote => FieldGroup.CellVote,
        AdmissionStepKind.RecognitionVote => FieldGroup.Vote,
        AdmissionStepKind.SubCommitteeVote => FieldGroup.SubCommitteeVote,
        AdmissionStepKind.Decision => FieldGroup.Decision,
        AdmissionStepKind.Ceremony => FieldGroup.Ceremony,
        AdmissionStepKind.DecisionExtension or AdmissionStepKind.Removal or AdmissionStepKind.Withdrawal => FieldGroup.Reason,
        _ => FieldGroup.Simple,
    };
}
