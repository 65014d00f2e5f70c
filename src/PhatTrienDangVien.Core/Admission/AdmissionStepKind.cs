namespace PhatTrienDangVien.Core.Admission;

/// <summary>
/// The steps of the admission procedure (domain.md §3) and its exits. Stored as their numbers: never renumber.
/// </summary>
public enum AdmissionStepKind
{
    SourcePool = 1,
    MentorAssigned = 2,
    /// <summary>A mentor's dated assessment; repeatable, does not move the case on.</summary>
    MentorAssessment = 3,
    AwarenessClass = 4,
    Application = 5,
    /// <summary>Personal history (2-KNĐ) and its verification results; may be recorded again to complete them.</summary>
    PersonalHistory = 6,
    Introduction = 7,
    Opinions = 8,
    CellVote = 9,
    SubCommitteeVote = 10,
    Decision = 11,
    /// <summary>Extends the pending decision (admission or recognition) in a special case, with a reason.</summary>
    DecisionExtension = 12,
    Ceremony = 13,
    ProbationMentorAssigned = 14,
    NewMemberClass = 15,
    /// <summary>The cell's vote on recognition; repeatable up to <see cref="RuleSet.MaxRecognitionVotes"/> inconclusive votes.</summary>
    RecognitionVote = 16,
    RecognitionDecision = 17,
    /// <summary>Xóa tên: a probationary member who does not qualify.</summary>
    Removal = 18,
    /// <summary>The candidate leaves the procedure before the ceremony.</summary>
    Withdrawal = 19,
}

/// <summary>Where a case stands, derived from its steps (never stored).</summary>
public enum AdmissionStage
{
    NotStarted = 0,
    SourcePool = 1,
    Mentored = 2,
    ClassPassed = 3,
    Applied = 4,
    HistoryVerified = 5,
    Introduced = 6,
    OpinionsCollected = 7,
    CellApproved = 8,
    SubCommitteeApproved = 9,
    Decided = 10,
    Probation = 11,
    /// <summary>The cell voted by 2/3 to recognise; waiting for the decision.</summary>
    RecognitionApproved = 12,
    /// <summary>The cell voted by 2/3 against recognition; waiting for the removal decision.</summary>
    RemovalProposed = 13,
    /// <summary>The maximum number of votes without 2/3 either way: the superior committee decides.</summary>
    AwaitingSuperiorDecision = 14,
    Official = 15,
    Removed = 16,
    Withdrawn = 17,
}

/// <summary>Result of a vote step.</summary>
public enum VoteOutcome
{
    /// <summary>At least 2/3 in favour.</summary>
    Approved = 1,
    /// <summary>
    /// Below 2/3 in favour. Kept for the stored values' numbering; the engine refuses admission votes below 2/3 rather
    /// than recording them (decision 0006), so no new step carries it.
    /// </summary>
    NotApproved = 2,
    /// <summary>Recognition votes: at least 2/3 against recognition, i.e. a proposal to remove.</summary>
    Rejected = 3,
    /// <summary>Recognition votes: no 2/3 either way.</summary>
    Inconclusive = 4,
}

/// <summary>Vietnamese names shown to users.</summary>
public static class StepNames
{
    public static string Of(AdmissionStepKind kind) => kind switch
    {
        AdmissionStepKind.SourcePool => "Đưa vào danh sách quần chúng ưu tú",
        AdmissionStepKind.MentorAssigned => "Phân công đảng viên giúp đỡ",
        AdmissionStepKind.MentorAssessment => "Nhận xét của đảng viên giúp đỡ",
        AdmissionStepKind.AwarenessClass => "Học lớp bồi dưỡng nhận thức về Đảng",
        AdmissionStepKind.Application => "Đơn xin vào Đảng (1-KNĐ)",
        AdmissionStepKind.PersonalHistory => "Lý lịch người xin vào Đảng (2-KNĐ) và thẩm tra lý lịch",
        AdmissionStepKind.Introduction => "Giới thiệu người vào Đảng (3-KNĐ, 4-KNĐ)",
        AdmissionStepKind.Opinions => "Tổng hợp ý kiến nhận xét của đoàn thể và chi bộ nơi cư trú (5-KNĐ)",
        AdmissionStepKind.CellVote => "Nghị quyết chi bộ đề nghị kết nạp (6-KNĐ)",
        AdmissionStepKind.SubCommitteeVote => "Nghị quyết của đảng ủy bộ phận",
        AdmissionStepKind.Decision => "Quyết định kết nạp đảng viên (9-KNĐ)",
        AdmissionStepKind.DecisionExtension => "Kéo dài thời hạn ra quyết định",
        AdmissionStepKind.Ceremony => "Lễ kết nạp đảng viên",
        AdmissionStepKind.ProbationMentorAssigned => "Phân công đảng viên chính thức giúp đỡ đảng viên dự bị",
        AdmissionStepKind.NewMemberClass => "Học lớp bồi dưỡng lý luận chính trị cho đảng viên mới",
        AdmissionStepKind.RecognitionVote => "Nghị quyết chi bộ xét công nhận đảng viên chính thức (13-KNĐ)",
        AdmissionStepKind.RecognitionDecision => "Quyết định công nhận đảng viên chính thức",
        AdmissionStepKind.Removal => "Xóa tên đảng viên dự bị",
        AdmissionStepKind.Withdrawal => "Dừng xem xét kết nạp",
        // A stored value no release wrote: the page says so instead of failing.
        _ => "Bước không hợp lệ",
    };

    public static string Of(AdmissionStage stage) => stage switch
    {
        AdmissionStage.NotStarted => "Chưa bắt đầu",
        AdmissionStage.SourcePool => "Quần chúng ưu tú",
        AdmissionStage.Mentored => "Đã phân công đảng viên giúp đỡ",
        AdmissionStage.ClassPassed => "Đã học lớp nhận thức về Đảng",
        AdmissionStage.Applied => "Đã có đơn xin vào Đảng",
        AdmissionStage.HistoryVerified => "Đã có lý lịch và thẩm tra",
        AdmissionStage.Introduced => "Đã có người giới thiệu",
        AdmissionStage.OpinionsCollected => "Đã tổng hợp ý kiến, chờ chi bộ xét",
        AdmissionStage.CellApproved => "Chi bộ đã đề nghị kết nạp",
        AdmissionStage.SubCommitteeApproved => "Đảng ủy bộ phận đã đề nghị kết nạp",
        AdmissionStage.Decided => "Đã có quyết định kết nạp, chờ lễ kết nạp",
        AdmissionStage.Probation => "Đảng viên dự bị",
        AdmissionStage.RecognitionApproved => "Chi bộ đã đề nghị công nhận chính thức",
        AdmissionStage.RemovalProposed => "Chi bộ đề nghị xóa tên",
        AdmissionStage.AwaitingSuperiorDecision => "Chờ cấp ủy cấp trên quyết định",
        AdmissionStage.Official => "Đảng viên chính thức",
        AdmissionStage.Removed => "Đã xóa tên",
        AdmissionStage.Withdrawn => "Đã dừng xem xét",
        _ => "Giai đoạn không hợp lệ",
    };
}
