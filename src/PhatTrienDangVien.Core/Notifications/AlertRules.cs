using System.Globalization;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Core.Notifications;

/// <summary>How early, or after how long, each alert is raised. Every commune may change them.</summary>
public sealed record AlertThresholds(int DueSoonWorkingDays, int NoMentorDays, int CertificateHorizonDays, int ProbationHorizonDays)
{
    public static readonly AlertThresholds Default = new(5, 30, 90, 30);
}

/// <summary>Who must hear of an alert, by their part in the case.</summary>
[Flags]
public enum AlertAudience
{
    None = 0,
    Mentor = 1,
    CellSecretary = 2,
    CommitteeMemberInCharge = 4,
    CommuneOffice = 8,
}

/// <summary>What the generator knows of one open case.</summary>
public sealed record CaseFacts(int CandidateId, string FullName, string CellName, DateOnly AddedOn, int? MentorMemberId, AdmissionCase Case);

/// <summary>One alert about one case, before it is addressed to anyone.</summary>
public sealed record Alert(NotificationKind Kind, int CandidateId, DateOnly DueDate, string Text)
{
    public string Link => $"/Candidates/Timeline/{CandidateId.ToString(CultureInfo.InvariantCulture)}";
    public AlertAudience Audience => AlertRules.AudienceOf(Kind);
}

/// <summary>
/// The alerts a case raises on a given day. Pure: the generator supplies the facts, the rules and the calendar, and
/// stores what comes out (deduplicated by user, kind, case and due date).
/// </summary>
public static class AlertRules
{
    public static AlertAudience AudienceOf(NotificationKind kind) => kind switch
    {
        NotificationKind.Overdue => AlertAudience.Mentor | AlertAudience.CellSecretary | AlertAudience.CommitteeMemberInCharge | AlertAudience.CommuneOffice,
        // Nobody mentors the candidate yet: the cell and the committee member in charge must assign one.
        NotificationKind.NoMentor => AlertAudience.CellSecretary | AlertAudience.CommitteeMemberInCharge,
        _ => AlertAudience.Mentor | AlertAudience.CellSecretary | AlertAudience.CommitteeMemberInCharge,
    };

    public static IReadOnlyList<Alert> For(CaseFacts facts, RuleBook rules, WorkingDayCalendar calendar, DateOnly today, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(thresholds);
        var list = new List<Alert>();
        S stage = facts.Case.CurrentStage;
        if (stage is S.Official or S.Removed or S.Withdrawn)
        {
            return list;
        }

        string who = $"{facts.FullName} ({facts.CellName})";

        if (Deadlines.NextAction(facts.Case, rules, calendar, today) is { DueDate: { } due, WorkingDaysLeft: { } left } next)
        {
            string step = StepNames.Of(next.Kind);
            if (left < 0)
            {
                list.Add(new(NotificationKind.Overdue, facts.CandidateId, due,
                    $"Quá hạn: “{step}” của {who} hạn ngày {D(due)}, đã quá {-left} ngày làm việc."));
            }
            else if (left <= thresholds.DueSoonWorkingDays)
            {
                list.Add(new(NotificationKind.DeadlineSoon, facts.CandidateId, due, left == 0
                    ? $"Đến hạn hôm nay: “{step}” của {who} (hạn ngày {D(due)})."
                    : $"Sắp đến hạn: “{step}” của {who} hạn ngày {D(due)}, còn {left} ngày làm việc."));
            }
        }

        if (stage is >= S.ClassPassed and <= S.OpinionsCollected
            && facts.Case.Steps.LastOrDefault(s => s.Kind == T.AwarenessClass)?.ReadDetails<ClassDetails>() is { } certificate)
        {
            int months = rules.At(today).CertificateValidityMonths;
            DateOnly validUntil = certificate.CertificateDate.AddMonths(months);
            if (validUntil <= today.AddDays(thresholds.CertificateHorizonDays))
            {
                string text = validUntil < today
                    ? $"Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng của {who} (cấp ngày {D(certificate.CertificateDate)}) đã hết hạn {months} tháng từ ngày {D(validUntil)}: phải học lại trước khi chi bộ xét kết nạp."
                    : $"Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng của {who} (cấp ngày {D(certificate.CertificateDate)}) hết hạn {months} tháng vào ngày {D(validUntil)}, trước khi chi bộ có thể xét kết nạp: cần họp chi bộ trước ngày đó hoặc cử đi học lại.";
                list.Add(new(NotificationKind.CertificateExpiring, facts.CandidateId, validUntil, text));
            }
        }

        if (facts.MentorMemberId is null && stage is S.NotStarted or S.SourcePool)
        {
            DateOnly limit = facts.AddedOn.AddDays(thresholds.NoMentorDays);
            if (today > limit)
            {
                list.Add(new(NotificationKind.NoMentor, facts.CandidateId, limit,
                    $"{who} vào danh sách quần chúng ưu tú từ ngày {D(facts.AddedOn)}, đã {today.DayNumber - facts.AddedOn.DayNumber} ngày mà chưa được phân công đảng viên giúp đỡ."));
            }
        }

        if (stage == S.Probation && facts.Case.ProbationEnd is { } end && end >= today && end <= today.AddDays(thresholds.ProbationHorizonDays))
        {
            list.Add(new(NotificationKind.ProbationEnding, facts.CandidateId, end,
                $"Đảng viên dự bị {who} hết thời gian dự bị vào ngày {D(end)} (còn {end.DayNumber - today.DayNumber} ngày): chuẩn bị bản tự kiểm điểm, nhận xét của đảng viên giúp đỡ và ý kiến đoàn thể để chi bộ xét công nhận đảng viên chính thức."));
        }

        return list;
    }

    private static string D(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
