using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Home;

/// <summary>
/// "What must I do this week": the sections of the home page and of <c>GET /api/me/tasks</c>, read from the work list's
/// one snapshot (<see cref="WorkList.SnapshotAsync"/>) so that the page, the API and the work list's tabs count alike.
/// The scope filters decide whose cases they are (own cell, cells in charge, commune, own candidates); the role decides
/// which sections it is shown: those whose work it may do, and the deadlines, which everyone follows.
/// </summary>
public sealed class HomeTasks(WorkList work, Access access)
{
    /// <summary>One section: its key (stable, for the API and the tests), title, words when empty, rows, and the work
    /// list that holds exactly these rows.</summary>
    public sealed record Section(string Key, string Title, string Empty, IReadOnlyList<WorkList.Item> Items, string ListLink);

    public sealed record Tasks(DateOnly Today, int DueSoonWorkingDays, IReadOnlyList<Section> Sections);

    public async Task<Tasks> ForCurrentUserAsync(CancellationToken ct)
    {
        var s = await work.SnapshotAsync(ct);
        var days = s.Thresholds.DueSoonWorkingDays;
        IReadOnlyList<WorkList.Item> Of(WorkKind kind) => [.. s.Tasks.Where(t => t.Kind == kind)];
        var sections = new List<Section>
        {
            new("overdue", "Quá hạn", "Không có việc quá hạn.",
                [.. s.Cases.Where(i => i.IsOverdue).OrderBy(i => i.Next.WorkingDaysLeft).ThenBy(i => i.Next.DueDate)], "/Work?Show=overdue"),
            new("due", $"Đến hạn trong {days} ngày làm việc tới", $"Không có việc đến hạn trong {days} ngày làm việc tới.",
                [.. s.Cases.Where(i => i.IsDueWithin(days)).OrderBy(i => i.Next.WorkingDaysLeft).ThenBy(i => i.Next.DueDate)], $"/Work?Show=due&Days={days}"),
        };
        if (access.Has(Permission.WriteAssessment))
            sections.Add(new("assessment", "Nhận xét của đảng viên giúp đỡ cần viết", "Không có nhận xét nào đang chờ viết.",
                Of(WorkKind.AssessmentOwed), "/Work?Show=tasks&Kind=AssessmentOwed"));
        if (access.Has(Permission.RecordStep))
        {
            sections.Add(new("no-mentor", "Quần chúng chưa có đảng viên giúp đỡ", "Không có quần chúng nào chờ phân công người giúp đỡ quá hạn.",
                Of(WorkKind.NoMentor), "/Work?Show=tasks&Kind=NoMentor"));
            sections.Add(new("probation", "Sắp hết thời gian dự bị", "Không có đảng viên dự bị nào sắp hết thời gian dự bị.",
                Of(WorkKind.ProbationEnding), "/Work?Show=tasks&Kind=ProbationEnding"));
        }
        // Extension point (issue 13): a "corrective actions" section joins here once inspections record them — no
        // section is shown for data the software does not hold.
        return new Tasks(s.Today, days, sections);
    }
}
