using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Calendar;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>
/// Đảng viên dự bị và hạn xét công nhận: the probationary members of the register (as the member list filtered on
/// "Dự bị" shows them), with the end of probation and the recognition review's due date. A member admitted through the
/// procedure gets them from the engine (<see cref="Deadlines"/>, the rules the case ran under); one typed in the
/// register gets them from the ceremony date and the rules in force on it.
/// </summary>
public sealed class ProbationReport
{
    public const string Heading = "Danh sách đảng viên dự bị và hạn xét công nhận đảng viên chính thức";

    public sealed record Row(int MemberId, int? CandidateId, string FullName, string Cell, DateOnly? Ceremony, DateOnly? ProbationEnd,
        DateOnly? RecognitionDue, DateOnly? NewMemberClass, AdmissionStepKind? Next, int? WorkingDaysLeft)
    {
        public bool IsOverdue => WorkingDaysLeft < 0;
        /// <summary>The case was opened from the register for recognition (decision 0025): still admitted before the software.</summary>
        public bool CaseFromRegister { get; init; }
        public bool FromRegister => CandidateId is null || CaseFromRegister;
        /// <summary>A recognition case can be opened from the register: no case yet and the ceremony's exact day known (as OpenRecognition requires).</summary>
        public bool MayOpenCase { get; init; }
    }

    public required PlanData.Selection Selection { get; init; }
    public required DateOnly Today { get; init; }
    public List<Row> Rows { get; } = [];
    public int Overdue => Rows.Count(r => r.IsOverdue);
    public int WithoutClass => Rows.Count(r => r.NewMemberClass is null);

    public static async Task<ProbationReport> ComputeAsync(AppDbContext db, RuleBook book, WorkingDayCalendar calendar, PlanData.Selection selection,
        DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(selection);
        var report = new ProbationReport { Selection = selection, Today = today };
        var cellIds = selection.CellIds;
        var members = await db.Members.AsNoTracking().Where(m => m.Status == MemberStatus.Probationary && cellIds.Contains(m.CellId))
            .Select(m => new { m.Id, m.PersonId, m.Person.FullName, m.Person.NameSortKey, m.Person.DateOfBirth, Cell = m.Cell.Name, m.CeremonyDate, m.CeremonyDatePrecision })
            .ToListAsync(ct);
        var people = members.Select(m => m.PersonId).ToList();
        var cases = (await db.Candidates.AsNoTracking().Where(c => people.Contains(c.PersonId)).Select(c => new { c.Id, c.PersonId }).ToListAsync(ct))
            .GroupBy(c => c.PersonId).ToDictionary(g => g.Key, g => g.Max(c => c.Id));
        var caseIds = cases.Values.ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => caseIds.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        foreach (var m in members.OrderBy(m => m.NameSortKey, StringComparer.Ordinal).ThenBy(m => m.Id))
        {
            var admission = cases.TryGetValue(m.PersonId, out var caseId) ? new AdmissionCase(caseId, m.DateOfBirth, steps[caseId]) : null;
            if (admission?.ProbationEnd is { } end)
            {
                var deadlines = Deadlines.For(admission, book, calendar);
                var next = Deadlines.NextAction(admission, book, calendar, today);
                report.Rows.Add(new Row(m.Id, caseId, m.FullName, m.Cell, m.CeremonyDate, end,
                    deadlines.FirstOrDefault(d => d.Kind == AdmissionStepKind.RecognitionVote)?.DueDate,
                    deadlines.FirstOrDefault(d => d.Kind == AdmissionStepKind.NewMemberClass)?.MetOn, next?.Kind, next?.WorkingDaysLeft)
                { CaseFromRegister = admission.OpenedFromRegister });
            }
            else if (m.CeremonyDate is { } ceremony)
            {
                // Admitted before the software: the procedure's numbers in force on the ceremony and at the end of probation.
                var registerEnd = RegisterEnd(ceremony, book);
                var due = calendar.AddWorkingDays(registerEnd, book.At(registerEnd).RecognitionReviewDeadlineWorkingDays);
                report.Rows.Add(new Row(m.Id, null, m.FullName, m.Cell, ceremony, registerEnd, due, null, AdmissionStepKind.RecognitionVote,
                    calendar.WorkingDaysBetween(today, due)) { MayOpenCase = m.CeremonyDatePrecision == DatePrecision.Day });
            }
            else
            {
                report.Rows.Add(new Row(m.Id, null, m.FullName, m.Cell, null, null, null, null, null, null));
            }
        }
        // The most urgent first; those without a date (no ceremony recorded) last.
        var ordered = report.Rows.OrderBy(r => r.RecognitionDue ?? DateOnly.MaxValue).ToList();
        report.Rows.Clear();
        report.Rows.AddRange(ordered);
        return report;
    }

    /// <summary>The end of probation of a member admitted before the software: the months in force on the ceremony.</summary>
    public static DateOnly RegisterEnd(DateOnly ceremony, RuleBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        return ceremony.AddMonths(book.At(ceremony).ProbationMonths);
    }

    public static readonly IReadOnlyList<Field<Row>> Fields =
    [
        new("Họ và tên", r => r.FullName), new("Chi bộ", r => r.Cell), new("Ngày kết nạp", r => r.Ceremony, ColumnFormat.Date),
        new("Hết thời gian dự bị", r => r.ProbationEnd, ColumnFormat.Date), new("Hạn xét công nhận", r => r.RecognitionDue, ColumnFormat.Date),
        new("Lớp bồi dưỡng đảng viên mới", r => r.NewMemberClass is { } d ? "Đã học " + Pages.Shared.Dates.Text(d) : "Chưa ghi nhận"),
        new("Việc tiếp theo", r => r.Next is { } k ? StepNames.Of(k) : "Chưa có ngày kết nạp"),
        new("Còn (ngày làm việc)", r => r.WorkingDaysLeft is { } d ? Pages.Shared.Dates.WorkingDaysLeft(d) : null),
        new("Ghi nhận", r => r.FromRegister ? "Từ sổ đảng viên" : "Qua phần mềm"),
    ];

    public async Task<Sheet> SheetAsync(Exporter exporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        var sheet = await exporter.SheetAsync("Đảng viên dự bị", Heading, [$"Tính đến ngày {Pages.Shared.Dates.Text(Today)}", Selection.Name],
            [new("TT", ColumnFormat.Number), .. Exporter.Columns(Fields)], ct);
        sheet.Rows.AddRange(Rows.Select((r, i) => new object?[] { i + 1 }.Concat(Fields.Select(f => f.Value(r))).ToArray()));
        sheet.Totals = [null, $"Tổng cộng: {Rows.Count} người", null, null, null, null, $"Chưa học lớp: {WithoutClass}", null, $"Quá hạn: {Overdue}", null];
        return sheet;
    }
}
