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

/// <summary>
/// An assessment the mentor owes; <paramref name="DueBy"/> is null while the step it serves has no date yet.
/// <paramref name="Since"/>: the day it became owed (the application, or the start of the probation-ending horizon).
/// </summary>
public sealed record OwedAssessment(DateOnly? DueBy, DateOnly Since)
{
    /// <summary>The date a notification of it is keyed by: the due date once known, else the day it became owed. When
    /// the due date becomes known the key changes, the old notification is settled and the new one says the date.</summary>
    public DateOnly AlertDate => DueBy ?? Since;
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
        // The mentor writes it; the secretary puts it in the file the cell votes on.
        NotificationKind.AssessmentOwed => AlertAudience.Mentor | AlertAudience.CellSecretary,
        // The cell proposes them for a class; the office deals with the centre that runs it.
        NotificationKind.NewMemberClassMissing => AlertAudience.CellSecretary | AlertAudience.CommitteeMemberInCharge | AlertAudience.CommuneOffice,
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

        // The class must be taken before the cell votes to recognise (the vote is refused without it): looked for as
        // early as an expiring certificate is, since a class is arranged with the centre months ahead.
        if (stage == S.Probation && !facts.Case.HasNewMemberClass && facts.Case.ProbationEnd is { } classBy
            && classBy <= today.AddDays(thresholds.CertificateHorizonDays))
        {
            list.Add(new(NotificationKind.NewMemberClassMissing, facts.CandidateId, classBy, classBy < today
                ? $"Đảng viên dự bị {who} đã hết thời gian dự bị ngày {D(classBy)} mà chưa học lớp bồi dưỡng lý luận chính trị cho đảng viên mới: chi bộ chưa xét công nhận chính thức được; cần cử đi học ngay."
                : $"Đảng viên dự bị {who} chưa học lớp bồi dưỡng lý luận chính trị cho đảng viên mới; hết thời gian dự bị ngày {D(classBy)}: cần cử đi học trước khi chi bộ xét công nhận chính thức."));
        }

        if (AssessmentOwed(facts, rules, calendar, today, thresholds) is { } owed)
        {
            string text = stage == S.Probation
                ? $"Cần bản nhận xét của đảng viên giúp đỡ về đảng viên dự bị {who} (mẫu 11-KNĐ) để chi bộ xét công nhận đảng viên chính thức; hết thời gian dự bị ngày {D(facts.Case.ProbationEnd!.Value)}."
                : owed.DueBy is { } by
                    ? $"Cần bản nhận xét của đảng viên giúp đỡ về quần chúng {who} cho hồ sơ chi bộ xét kết nạp, trước ngày {D(by)}."
                    : $"Cần bản nhận xét của đảng viên giúp đỡ về quần chúng {who} cho hồ sơ chi bộ xét kết nạp (đơn xin vào Đảng ngày {D(owed.Since)}).";
            list.Add(new(NotificationKind.AssessmentOwed, facts.CandidateId, owed.AlertDate, text));
        }

        return list;
    }

    /// <summary>
    /// The mentor's written assessment owed (with the date it is due by, when there is one), or null when none is. The procedure asks for the
    /// mentor's word at two moments: the file the cell votes on (from the application to the cell vote, an assessment
    /// written before the application says nothing of the applicant), and the recognition review (form 11-KNĐ, written
    /// within the probation-ending horizon). Due: the cell vote's own due date, or the end of probation.
    /// </summary>
    public static OwedAssessment? AssessmentOwed(CaseFacts facts, RuleBook rules, WorkingDayCalendar calendar, DateOnly today, AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        if (facts.MentorMemberId is null)
        {
            return null;
        }

        IReadOnlyList<StepRecord> steps = facts.Case.Steps;
        S stage = facts.Case.CurrentStage;
        bool WrittenSince(DateOnly from) => steps.Any(s => s.Kind == T.MentorAssessment && s.Date >= from);
        if (stage is >= S.Applied and <= S.OpinionsCollected && steps.LastOrDefault(s => s.Kind == T.Application) is { } application
            && !WrittenSince(application.Date))
        {
            return new(stage == S.OpinionsCollected ? Deadlines.NextAction(facts.Case, rules, calendar, today)?.DueDate : null, application.Date);
        }

        if (stage == S.Probation && facts.Case.ProbationEnd is { } end && end <= today.AddDays(thresholds.ProbationHorizonDays)
            && !WrittenSince(end.AddDays(-thresholds.ProbationHorizonDays)))
        {
            return new(end, end.AddDays(-thresholds.ProbationHorizonDays));
        }

        return null;
    }

    /// <summary>
    /// Whether the thing a stored notification asks for is done (or no longer asked): the step it named recorded, a
    /// mentor assigned, the cell vote held, the recognition reviewed, the case closed. A notification of a deadline is
    /// settled once the case's next action no longer has that due date: the step was recorded, or the deadline moved
    /// (an extension); one that only became overdue is not.
    /// </summary>
    public static bool IsSettled(NotificationKind kind, DateOnly dueDate, CaseFacts facts, RuleBook rules, WorkingDayCalendar calendar, DateOnly today,
        AlertThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(facts);
        S stage = facts.Case.CurrentStage;
        if (stage is S.Official or S.Removed or S.Withdrawn)
        {
            return true;
        }

        return kind switch
        {
            NotificationKind.DeadlineSoon or NotificationKind.Overdue => Deadlines.NextAction(facts.Case, rules, calendar, today)?.DueDate != dueDate,
            NotificationKind.NoMentor => facts.MentorMemberId is not null || stage is not (S.NotStarted or S.SourcePool),
            NotificationKind.CertificateExpiring => stage > S.OpinionsCollected
                || facts.Case.Steps.LastOrDefault(s => s.Kind == T.AwarenessClass)?.ReadDetails<ClassDetails>() is not { } certificate
                || certificate.CertificateDate.AddMonths(rules.At(today).CertificateValidityMonths) != dueDate,
            NotificationKind.ProbationEnding => stage != S.Probation,
            NotificationKind.NewMemberClassMissing => stage != S.Probation || facts.Case.HasNewMemberClass,
            // Written, or owed at another date (the cell vote's due date became known): this one no longer asks.
            NotificationKind.AssessmentOwed => AssessmentOwed(facts, rules, calendar, today, thresholds)?.AlertDate != dueDate,
            _ => false,
        };
    }

    private static string D(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
