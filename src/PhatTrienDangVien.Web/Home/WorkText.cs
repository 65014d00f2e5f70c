using System.Globalization;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Home;

/// <summary>What a work row says in words and the one button that does it, for the home page, the work list and the API.</summary>
public static class WorkText
{
    public static string KindName(WorkKind kind) => kind switch
    {
        WorkKind.NoMentor => "Chưa có đảng viên giúp đỡ",
        WorkKind.AssessmentOwed => "Cần nhận xét của đảng viên giúp đỡ",
        WorkKind.ProbationEnding => "Sắp hết thời gian dự bị",
        _ => "Bước của thủ tục",
    };

    public static string KindName(WorkList.Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind != WorkKind.Step ? KindName(item.Kind) : item.IsOverdue ? "Quá hạn" : "Bước của thủ tục";
    }

    /// <summary>A button: its words and where it leads.</summary>
    public sealed record Action(string Text, string Link);

    /// <summary>
    /// The one button that does the row's work, when the user may do it: the step's form (the mentor to assign, the
    /// assessment to write, the step due); otherwise the case's timeline, to read. A step that cannot be recorded yet
    /// (the recognition vote before probation ends) opens the timeline where its documents are prepared.
    /// </summary>
    public static Action ActionOf(WorkList.Item item, Access access)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(access);
        if (item.IsRegisterMember)
            return access.MayRecord(AdmissionStepKind.RecognitionVote)
                ? new("Mở hồ sơ xét công nhận", item.PersonLink + "#open-recognition")
                : new("Xem hồ sơ đảng viên", item.PersonLink);
        var id = item.CandidateId.ToString(CultureInfo.InvariantCulture);
        var timeline = new Action("Xem quá trình", $"/Candidates/Timeline/{id}");
        var kind = item.Next.Kind;
        if (item.Next.NotBefore is not null || !access.MayRecord(kind)) return timeline;
        var text = item.Kind switch
        {
            WorkKind.NoMentor => "Phân công người giúp đỡ",
            WorkKind.AssessmentOwed => "Viết nhận xét",
            _ => kind == AdmissionStepKind.MentorAssessment ? "Viết nhận xét" : "Ghi nhận bước này",
        };
        return new(text, $"/Candidates/Step/{id}?kind={kind}");
    }

    /// <summary>The mentor's button on their own candidate: write an assessment (the form names the step to come).</summary>
    public static Action AssessOf(WorkList.Item item, Access access)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(access);
        var id = item.CandidateId.ToString(CultureInfo.InvariantCulture);
        return access.MayRecord(AdmissionStepKind.MentorAssessment)
            ? new("Viết nhận xét", $"/Candidates/Step/{id}?kind={AdmissionStepKind.MentorAssessment}")
            : new("Xem quá trình", $"/Candidates/Timeline/{id}");
    }

    /// <summary>
    /// The "Còn" of a row in words: working days for a step of the procedure (its legal deadline); for a candidate
    /// without a mentor past the commune's limit, how long they have waited since entering the pool (the limit is the
    /// commune's, not a legal deadline, so the row is not in the "quá hạn" count; the home page says the same days);
    /// for a probation ending, the calendar days left. Null when there is nothing to say.
    /// </summary>
    /// <summary>The day a candidate without a mentor entered the pool: the row's date is the commune's limit after it.</summary>
    public static DateOnly? EnteredPool(WorkList.Item item, int noMentorDays)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind == WorkKind.NoMentor && item.Next.DueDate is { } limit ? limit.AddDays(-noMentorDays) : null;
    }

    /// <summary>"đã chờ N ngày": how long since entering the pool, as the home page and the work list both say it.</summary>
    public static string Waited(DateOnly entered, DateOnly today) => $"đã chờ {Pages.Shared.Numbers.Show(today.DayNumber - entered.DayNumber)} ngày";

    public static string? LeftText(WorkList.Item item, DateOnly today, int noMentorDays)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind switch
        {
            WorkKind.Step => item.Next.WorkingDaysLeft is { } d ? Pages.Shared.Dates.WorkingDaysLeft(d) : null,
            WorkKind.NoMentor when EnteredPool(item, noMentorDays) is { } entered => Waited(entered, today),
            WorkKind.ProbationEnding when item.Next.DueDate is { } end => end >= today
                ? $"còn {Pages.Shared.Numbers.Show(end.DayNumber - today.DayNumber)} ngày"
                : $"đã hết {Pages.Shared.Numbers.Show(today.DayNumber - end.DayNumber)} ngày",
            _ => null,
        };
    }
}
