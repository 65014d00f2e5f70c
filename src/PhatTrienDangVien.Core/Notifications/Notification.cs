namespace PhatTrienDangVien.Core.Notifications;

/// <summary>What an alert is about. Stored as its number: never renumber.</summary>
public enum NotificationKind
{
    /// <summary>The next step of a case is due within the configured number of working days.</summary>
    DeadlineSoon = 1,
    /// <summary>The next step of a case is past its due date.</summary>
    Overdue = 2,
    /// <summary>The awareness-class certificate runs out before the cell is likely to vote.</summary>
    CertificateExpiring = 3,
    /// <summary>A candidate has been in the source pool too long without a mentor.</summary>
    NoMentor = 4,
    /// <summary>A probationary member's 12 months end soon: the recognition review must be prepared.</summary>
    ProbationEnding = 5,
    /// <summary>The mentor's written assessment is owed for the file the cell votes on, or for the recognition review.</summary>
    AssessmentOwed = 6,
    /// <summary>A probationary member has not taken the new-member class and their probation ends soon.</summary>
    NewMemberClassMissing = 7,
    /// <summary>A corrective action after an inspection is past its due date and still open (about an action, not a case).</summary>
    CorrectiveActionOverdue = 8,
}

/// <summary>
/// One alert for one user about one case. The same alert (user, kind, case, due date) exists at most once, whatever
/// how often the generator runs; a unique index enforces it.
/// </summary>
/// <remarks>
/// Not a <see cref="Common.CommuneEntity"/>: nobody edits a notification, so it needs no version, and it is not
/// audited either (it is derived from the audited steps, and a read mark is the user's own business).
/// </remarks>
public class Notification
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    /// <summary>The Identity user it is for.</summary>
    public string UserId { get; set; } = "";
    public NotificationKind Kind { get; set; }
    /// <summary>The case it is about; null for an alert about a corrective action (<see cref="ActionId"/>).</summary>
    public int? CandidateId { get; set; }
    /// <summary>The corrective action it is about (<see cref="NotificationKind.CorrectiveActionOverdue"/>).</summary>
    public int? ActionId { get; set; }
    /// <summary>The date the alert is about (step due date, certificate expiry, probation end, mentor limit).</summary>
    public DateOnly DueDate { get; set; }
    public string Text { get; set; } = "";
    /// <summary>Local path of the case's page.</summary>
    public string Link { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? ReadAtUtc { get; set; }
    /// <summary>When it was first listed in an e-mail digest.</summary>
    public DateTime? EmailedAtUtc { get; set; }
    /// <summary>When the software saw that what it asks for is done (<see cref="AlertRules.IsSettled"/>): no longer
    /// unread, counted or mailed (docs/decisions/0026-notification-done.md).</summary>
    public DateTime? DoneAtUtc { get; set; }

    public bool IsRead => ReadAtUtc is not null;
    public bool IsDone => DoneAtUtc is not null;

    public static string KindName(NotificationKind kind) => kind switch
    {
        NotificationKind.DeadlineSoon => "Sắp đến hạn",
        NotificationKind.Overdue => "Quá hạn",
        NotificationKind.CertificateExpiring => "Giấy chứng nhận sắp hết hạn",
        NotificationKind.NoMentor => "Chưa có đảng viên giúp đỡ",
        NotificationKind.ProbationEnding => "Sắp hết thời gian dự bị",
        NotificationKind.AssessmentOwed => "Cần nhận xét của đảng viên giúp đỡ",
        NotificationKind.NewMemberClassMissing => "Dự bị chưa học lớp đảng viên mới",
        NotificationKind.CorrectiveActionOverdue => "Việc khắc phục quá hạn",
        _ => "Thông báo",
    };
}
