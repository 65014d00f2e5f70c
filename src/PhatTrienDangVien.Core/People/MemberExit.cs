using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.People;

/// <summary>How a member leaves the commune's roll (plan point P10, screening).</summary>
public enum ExitKind
{
    /// <summary>Xóa tên (Quy định 24-QĐ/TW §8.1): not a discipline; proposed by the cell, decided by the committee.</summary>
    RemovedFromRoll = 1,
    /// <summary>Khai trừ: a discipline decided on the inspection side; recorded here as an exit only.</summary>
    Expelled = 2,
    /// <summary>Cho ra khỏi Đảng: the member asked to leave and the committee accepted.</summary>
    LeftParty = 3,
    /// <summary>Chuyển sinh hoạt đảng chính thức đi nơi khác.</summary>
    TransferredOut = 4,
    Deceased = 5,
}

/// <summary>The grounds for xóa tên of Quy định 24-QĐ/TW §8.1 (and the procedure's removal of a probationary member).</summary>
public enum RemovalGround
{
    /// <summary>Bỏ sinh hoạt đảng hoặc không đóng đảng phí 3 tháng trong năm mà không có lý do chính đáng.</summary>
    AbsentOrUnpaidDues = 1,
    /// <summary>Tự trả lại thẻ đảng viên hoặc tự hủy thẻ đảng viên.</summary>
    PartyCardReturned = 2,
    /// <summary>Giảm sút ý chí phấn đấu, không làm nhiệm vụ đảng viên, đã được chi bộ giáo dục 12 tháng nhưng không tiến bộ.</summary>
    NoProgressAfterHelp = 3,
    /// <summary>Hai năm liền vi phạm tư cách đảng viên (không hoàn thành nhiệm vụ).</summary>
    BelowStandardTwoYears = 4,
    /// <summary>Không bảo đảm tiêu chuẩn chính trị theo quy định.</summary>
    PoliticalStandard = 5,
    /// <summary>Đảng viên dự bị không đủ tư cách để công nhận chính thức (the procedure's removal step).</summary>
    NotRecognised = 6,
    Other = 9,
}

public enum ExitStatus
{
    /// <summary>The cell's proposal, not yet decided: the member is still on the roll.</summary>
    Proposed = 0,
    /// <summary>Decided (or, for a transfer or a death, simply recorded): the member has left on <see cref="MemberExit.EffectiveOn"/>.</summary>
    Decided = 1,
    /// <summary>The committee did not agree: the member stays; kept as a record of the proposal.</summary>
    NotApproved = 2,
}

/// <summary>
/// One exit from the roll with its papers: the grounds, the cell's proposal and the competent body's decision. The
/// member's status and status date follow the decided exit (one path writes both); a probationary member removed
/// through the procedure gets one written by the procedure's removal step.
/// </summary>
public class MemberExit : CommuneEntity
{
    public int MemberId { get; set; }
    public Member Member { get; set; } = null!;
    public ExitKind Kind { get; set; }
    public RemovalGround? Ground { get; set; }
    /// <summary>The facts behind the grounds, as the cell wrote them.</summary>
    public string? Reason { get; set; }
    public ExitStatus Status { get; set; }
    public DateOnly? ProposedOn { get; set; }
    /// <summary>The cell's resolution proposing it (e.g. "05-NQ/CB").</summary>
    public string? ProposalNumber { get; set; }
    public DateOnly? DecidedOn { get; set; }
    public string? DecisionNumber { get; set; }
    /// <summary>Who decided (e.g. "Ban Thường vụ Đảng ủy xã"); for a transfer, who issued the transfer papers.</summary>
    public string? DecidingBody { get; set; }
    /// <summary>The day the member left the roll: the decision's date, the transfer's or the death's.</summary>
    public DateOnly? EffectiveOn { get; set; }
    /// <summary>Where a transferred member went (party organisation, commune, province).</summary>
    public string? Destination { get; set; }
    /// <summary>One of the cases of Quy định 294-QĐ/TW point 3.5.2 (left by abandoning party life, asked to leave
    /// without special family hardship, serious disunity, convicted of corruption or a serious crime): never re-admitted.</summary>
    public bool BarsReadmission { get; set; }
    /// <summary>The member's status and its date before the exit was decided: undoing a decision recorded by mistake restores them.</summary>
    public MemberStatus? PreviousStatus { get; set; }
    public DateOnly? PreviousStatusDate { get; set; }
    /// <summary>The procedure's removal step that wrote this exit; such an exit is corrected on the timeline, not here.</summary>
    public int? StepId { get; set; }
    public Admission.StepRecord? Step { get; set; }
    public bool IsDemo { get; set; }
}

/// <summary>The rules of an exit that do not need the database: which status it gives, what it needs, who may be concerned.</summary>
public static class ExitRules
{
    public const string Citation24 = "Quy định 24-QĐ/TW (2021), điểm 8.1; Điều lệ Đảng, Điều 8";
    public const string Citation294 = "Quy định 294-QĐ/TW (26/5/2025), điểm 3.5";
    public const string DisciplineCitation = "Điều lệ Đảng, Điều 35–36; Quy định 296-QĐ/TW (2025)";

    public static MemberStatus StatusFor(ExitKind kind) => kind switch
    {
        ExitKind.RemovedFromRoll => MemberStatus.Removed,
        ExitKind.Expelled => MemberStatus.Expelled,
        ExitKind.LeftParty => MemberStatus.LeftParty,
        ExitKind.TransferredOut => MemberStatus.TransferredOut,
        ExitKind.Deceased => MemberStatus.Deceased,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A transfer and a death are recorded as they happened; the other exits go from the cell's proposal to a decision.</summary>
    public static bool NeedsDecision(ExitKind kind) => kind is ExitKind.RemovedFromRoll or ExitKind.Expelled or ExitKind.LeftParty;

    /// <summary>Xóa tên and cho ra khỏi Đảng start with the cell's proposal; khai trừ comes from the inspection side.</summary>
    public static bool ProposedByCell(ExitKind kind) => kind is ExitKind.RemovedFromRoll or ExitKind.LeftParty;

    /// <summary>
    /// Refuses an exit the rules do not allow, in Vietnamese: who may leave this way, and what each way needs.
    /// <paramref name="memberStatus"/> is the member's status before the exit.
    /// </summary>
    public static void Check(ExitKind kind, RemovalGround? ground, MemberStatus memberStatus, bool decided)
    {
        if (MemberStatuses.HasLeft(memberStatus))
            throw new DomainException("Đảng viên này đã ra khỏi danh sách của đảng bộ; không ghi thêm việc ra khỏi Đảng.");
        if (kind == ExitKind.RemovedFromRoll && memberStatus == MemberStatus.Probationary)
            throw new DomainException(
                "Đảng viên dự bị không đủ tư cách thì xóa tên ở bước “Xóa tên” của quá trình kết nạp (trang Quá trình kết nạp của người này), không ghi ở đây.",
                "RemovalOnlyInProbation", "Điều lệ Đảng, Điều 5");
        if (kind == ExitKind.Expelled && memberStatus == MemberStatus.Probationary)
            throw new DomainException(
                "Đảng viên dự bị chỉ bị kỷ luật khiển trách hoặc cảnh cáo, không bị khai trừ.", "DisciplineOfProbationary", DisciplineCitation);
        if (kind == ExitKind.RemovedFromRoll && ground is null)
            throw new DomainException("Xóa tên phải nêu căn cứ (một trong các trường hợp của điểm 8.1 Quy định 24-QĐ/TW).", "RemovalGround", Citation24);
        if (kind == ExitKind.RemovedFromRoll && ground == RemovalGround.NotRecognised)
            throw new DomainException("Căn cứ “không đủ tư cách công nhận chính thức” chỉ dùng cho đảng viên dự bị, ở quá trình kết nạp.", "RemovalGround", Citation24);
        if (kind != ExitKind.RemovedFromRoll && ground is not null)
            throw new DomainException("Căn cứ theo điểm 8.1 Quy định 24-QĐ/TW chỉ ghi cho trường hợp xóa tên.", "RemovalGround", Citation24);
        if (!NeedsDecision(kind) && !decided)
            throw new DomainException("Chuyển sinh hoạt đi và từ trần ghi khi đã xảy ra: hãy nhập ngày.", "ExitDate", Citation24);
    }
}

/// <summary>
/// What the re-admission rules need to know of a person's past in the party (Quy định 294-QĐ/TW point 3.5): the last
/// time they left, how, whether that way bars re-admission, and how many times they left (re-admitted only once).
/// </summary>
public sealed record PriorExit(DateOnly? LeftOn, string How, bool Barred, int TimesLeft);
