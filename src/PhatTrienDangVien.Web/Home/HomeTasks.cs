using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Home;

/// <summary>
/// "What must I do this week": the sections of the home page and of <c>GET /api/me/tasks</c>, read from the work list's
/// one snapshot (<see cref="WorkList.SnapshotAsync"/>) so that the page, the API and the work list's tabs count alike.
/// The scope filters decide whose cases they are (own cell, cells in charge, commune, own candidates); the role decides
/// which sections it is shown: those whose work it may do, and the deadlines, which everyone follows.
/// </summary>
public sealed class HomeTasks(WorkList work, Access access, Data.AppDbContext db)
{
    /// <summary>One section: its key (stable, for the API and the tests), title, words when empty, rows, and the work
    /// list that holds exactly these rows. <paramref name="Assess"/>: each row's button writes the mentor's assessment.</summary>
    public sealed record Section(string Key, string Title, string Empty, IReadOnlyList<WorkList.Item> Items, string ListLink, bool Assess = false)
    {
        /// <summary>The row's one button, as the page and the API show it.</summary>
        public WorkText.Action ActionOf(WorkList.Item item, Access access) => Assess ? WorkText.AssessOf(item, access) : WorkText.ActionOf(item, access);
    }

    /// <param name="Corrections">The open corrective actions of the user's cells after an inspection, overdue first: the
    /// same rows as the work list's "Việc khắc phục" table (<c>/Work#corrections</c>).</param>
    public sealed record Tasks(DateOnly Today, int DueSoonWorkingDays, int NoMentorDays, IReadOnlyList<Section> Sections,
        IReadOnlyList<Inspections.InspectionReads.ActionRow> Corrections);

    public async Task<Tasks> ForCurrentUserAsync(CancellationToken ct)
    {
        var s = await work.SnapshotAsync(ct);
        var days = s.Thresholds.DueSoonWorkingDays;
        IReadOnlyList<WorkList.Item> Of(WorkKind kind) => [.. s.Tasks.Where(t => t.Kind == kind)];
        var sections = new List<Section>
        {
            new("overdue", "Bước thủ tục quá hạn", "Không có bước thủ tục nào quá hạn.",
                [.. s.Cases.Where(i => i.IsOverdue).OrderBy(i => i.Next.WorkingDaysLeft).ThenBy(i => i.Next.DueDate)], "/Work?Show=overdue"),
            new("due", $"Bước thủ tục đến hạn trong {days} ngày làm việc tới", $"Không có bước thủ tục nào đến hạn trong {days} ngày làm việc tới.",
                [.. s.Cases.Where(i => i.IsDueWithin(days)).OrderBy(i => i.Next.WorkingDaysLeft).ThenBy(i => i.Next.DueDate)], $"/Work?Show=due&Days={days}"),
        };
        if (access.Has(Permission.WriteAssessment))
            sections.Add(new("assessment", "Nhận xét của đảng viên giúp đỡ cần viết", "Không có nhận xét nào đang chờ viết.",
                Of(WorkKind.AssessmentOwed), "/Work?Show=tasks&Kind=AssessmentOwed"));
        if (access.Has(Permission.RecordStep))
        {
            // The commune's limit is in the title: the figure under the tasks counts every candidate without a mentor.
            sections.Add(new("no-mentor", $"Quần chúng quá {s.Thresholds.NoMentorDays} ngày chưa có đảng viên giúp đỡ",
                $"Không có quần chúng nào quá {s.Thresholds.NoMentorDays} ngày chưa có đảng viên giúp đỡ.",
                Of(WorkKind.NoMentor), "/Work?Show=tasks&Kind=NoMentor"));
            sections.Add(new("probation", "Sắp hết thời gian dự bị", "Không có đảng viên dự bị nào sắp hết thời gian dự bị.",
                Of(WorkKind.ProbationEnding), "/Work?Show=tasks&Kind=ProbationEnding"));
        }
        // A mentor's own candidates, each with the button that writes an assessment: the procedure asks for it at two
        // moments only (above), but the mentor follows them all the time and writes when there is something to say.
        if (db.Scope.MentorMemberId is { } mentor && access.MayRecord(Core.Admission.AdmissionStepKind.MentorAssessment))
            sections.Add(new("mentored", "Những người đồng chí đang giúp đỡ", "Không có ai được phân công cho đồng chí giúp đỡ.",
                [.. s.Cases.Where(i => i.MentorId == mentor).OrderBy(i => i.FullName, StringComparer.Ordinal)], "/Work?Show=all&Mine=true", Assess: true));
        // What an inspection left to correct: not a case's step, so not a section of work-list items; its own rows.
        var corrections = (await work.OpenCorrectionsAsync(ct))
            .OrderByDescending(a => a.IsOverdue(s.Today)).ThenBy(a => a.Action.DueDate).ToList();
        return new Tasks(s.Today, days, s.Thresholds.NoMentorDays, sections, corrections);
    }
}
