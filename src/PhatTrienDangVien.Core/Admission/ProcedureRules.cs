using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Admission;

/// <summary>A rule of the procedure that is not a number (order of steps, who may introduce…).</summary>
public sealed record ProcedureRule(string Key, string Name, string Citation);

/// <summary>The non-numeric rules the engine enforces; the numeric ones are <see cref="RuleParameter"/>s.</summary>
public static class ProcedureRules
{
    private const string Procedure = "Điều lệ Đảng, Điều 4; Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW";

    public static ProcedureRule StepOrder { get; } = new(nameof(StepOrder), "Trình tự, thủ tục kết nạp đảng viên", Procedure);
    public static ProcedureRule StepDate { get; } = new(nameof(StepDate),
        "Ngày của mỗi bước không trước ngày của bước trước và không sau ngày hôm nay", Procedure);
    public static ProcedureRule IntroducerIsOfficial { get; } = new(nameof(IntroducerIsOfficial),
        "Người giới thiệu phải là đảng viên chính thức", "Điều lệ Đảng, Điều 4");
    public static ProcedureRule IntroducerCount { get; } = new(nameof(IntroducerCount),
        "Hai đảng viên chính thức giới thiệu; hoặc Ban Chấp hành Đoàn (hoặc Công đoàn) cơ sở và một đảng viên chính thức", "Điều lệ Đảng, Điều 4");
    public static ProcedureRule YouthUnionMembership { get; } = new(nameof(YouthUnionMembership),
        "Người vào Đảng được Đoàn giới thiệu phải là đoàn viên Đoàn TNCS Hồ Chí Minh", "Điều lệ Đảng, Điều 4");
    public static ProcedureRule TradeUnionOnlyWithoutYouthUnion { get; } = new(nameof(TradeUnionOnlyWithoutYouthUnion),
        "Ban Chấp hành Công đoàn cơ sở chỉ giới thiệu ở nơi không có tổ chức Đoàn", "Điều lệ Đảng, Điều 4");
    public static ProcedureRule VerificationBeforeVote { get; } = new(nameof(VerificationBeforeVote),
        "Kết quả thẩm tra lý lịch phải có trước khi chi bộ xét, kết luận", $"{Procedure}; Hướng dẫn 12-HD/BTCTW (mẫu 2-KNĐ)");
    public static ProcedureRule VoteCounts { get; } = new(nameof(VoteCounts),
        "Số phiếu tán thành và không tán thành không vượt số đảng viên có mặt; số có mặt không vượt số đảng viên được tính", "Điều lệ Đảng, Điều 4");
    public static ProcedureRule SubCommitteeVote { get; } = new(nameof(SubCommitteeVote),
        "Chi bộ trực thuộc đảng ủy bộ phận: đảng ủy bộ phận xét, đề nghị trước khi cấp có thẩm quyền quyết định", Procedure);
    public static ProcedureRule Over60Consent { get; } = new(nameof(Over60Consent),
        "Người trên 60 tuổi vào Đảng phải được Ban Thường vụ Tỉnh ủy đồng ý bằng văn bản", "Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW");
    public static ProcedureRule LateCeremonyConsent { get; } = new(nameof(LateCeremonyConsent),
        "Lễ kết nạp quá thời hạn phải được cấp ủy cấp trên đồng ý", "Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW");
    public static ProcedureRule NewMemberClassBeforeRecognition { get; } = new(nameof(NewMemberClassBeforeRecognition),
        "Đảng viên dự bị phải học lớp bồi dưỡng lý luận chính trị cho đảng viên mới trước khi được công nhận chính thức", "Điều lệ Đảng, Điều 5; Hướng dẫn 06-HD/TW");
    public static ProcedureRule ReasonRequired { get; } = new(nameof(ReasonRequired),
        "Xóa tên, dừng xem xét và kéo dài thời hạn phải ghi rõ lý do", Procedure);
    public static ProcedureRule RemovalOnlyInProbation { get; } = new(nameof(RemovalOnlyInProbation),
        "Chỉ xóa tên đảng viên dự bị (sau lễ kết nạp, trước khi công nhận chính thức)", "Điều lệ Đảng, Điều 5");
    public static ProcedureRule WithdrawalOnlyBeforeCeremony { get; } = new(nameof(WithdrawalOnlyBeforeCeremony),
        "Chỉ dừng xem xét kết nạp trước lễ kết nạp", Procedure);
    public static ProcedureRule MentorEligibility { get; } = new(nameof(MentorEligibility),
        "Đảng viên giúp đỡ là đảng viên chính thức của chi bộ, do chi bộ phân công; người giúp đỡ ghi nhận xét của chính mình", "Quy định 294-QĐ/TW; Hướng dẫn 06-HD/TW");
    public static ProcedureRule ReadmissionBarred { get; } = new(nameof(ReadmissionBarred),
        "Không xem xét kết nạp lại người đã ra khỏi Đảng vì tự bỏ sinh hoạt đảng, xin ra khỏi Đảng (trừ lý do gia đình đặc biệt khó khăn), gây mất đoàn kết nội bộ nghiêm trọng, bị kết án về tội tham nhũng hoặc tội nghiêm trọng trở lên; chỉ kết nạp lại một lần",
        "Quy định 294-QĐ/TW, điểm 3.5.2–3.5.3");
    public static ProcedureRule ReadmissionConsent { get; } = new(nameof(ReadmissionConsent),
        "Kết nạp lại phải được Ban Thường vụ Tỉnh ủy đồng ý bằng văn bản", "Quy định 294-QĐ/TW, điểm 3.5.1");
    public static ProcedureRule RequiredField { get; } = new(nameof(RequiredField),
        "Thông tin bắt buộc của bước", "Hướng dẫn 12-HD/BTCTW (biểu mẫu)");
}

/// <summary>Builds the refusal: the message names the rule and its citation, and so do the exception's properties.</summary>
internal static class Refuse
{
    public static DomainException Because(ProcedureRule rule, string message) =>
        new($"{message} Quy định: {rule.Name} ({rule.Citation}).", rule.Key, rule.Citation);

    public static DomainException Because(RuleParameter rule, string message) =>
        new($"{message} Quy định: {rule.Name} ({rule.Citation}).", rule.Key, rule.Citation);
}
