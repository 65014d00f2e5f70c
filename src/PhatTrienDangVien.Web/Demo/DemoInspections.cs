using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Inspections;

namespace PhatTrienDangVien.Web.Demo;

/// <summary>
/// The demo commune's inspection work since the congress: each year four cells in the plan (two inspections, two
/// supervisions, a quarter each); the sessions of the quarters already past, with the cell's figures and the checklist
/// taken on the session's day, a finding from the checklist where it found something, and the corrective actions —
/// most done with their evidence, one still open past its date, one in progress.
/// </summary>
internal sealed class DemoInspections(AppDbContext db, InspectionChecklist checklist, Evaluations.CellDevelopment development, Core.Admission.RuleBook book,
    DateOnly today, int communeId)
{
    private readonly Random _random = new(13_2026);

    public async Task SeedAsync(IReadOnlyList<Organisation> cells, CancellationToken ct)
    {
        var teams = new[]
        {
            "Đ/c Chủ nhiệm Ủy ban Kiểm tra Đảng ủy (trưởng đoàn); 02 ủy viên UBKT",
            "Đ/c Phó Chủ nhiệm Ủy ban Kiểm tra Đảng ủy (tổ trưởng); đ/c cán bộ Văn phòng Đảng ủy",
        };
        var topics = new[]
        {
            "Việc thực hiện quy trình, thủ tục kết nạp đảng viên",
            "Công tác tạo nguồn, phân công đảng viên giúp đỡ quần chúng ưu tú",
            "Việc xét công nhận đảng viên chính thức đúng thời hạn",
            "Việc thực hiện chỉ tiêu kết nạp đảng viên theo nghị quyết",
        };
        bool overdueGiven = false, inProgressGiven = false;
        // The late step the histories planted (DemoCase.LateDecision): the first line after it, in the same year (the
        // checklist reads the cases worked on in the plan's year), inspects its cell and so finds it.
        var late = await (from s in db.AdmissionSteps
                          join c in db.Candidates on s.CandidateId equals c.Id
                          where s.IsLate && c.CommuneId == communeId
                          orderby s.Date
                          select new { s.Date, c.CellId }).FirstOrDefaultAsync(ct);
        for (var year = 2025; year <= today.Year; year++)
        {
            var chosen = cells.OrderBy(_ => _random.Next()).Take(4).ToList();
            for (var i = 0; i < chosen.Count; i++)
            {
                var quarter = year == 2025 ? 3 + (i % 2) : 1 + i;
                var from = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
                if (late is not null && late.Date.Year == year && from > late.Date)
                {
                    var at = chosen.FindIndex(c => c.Id == late.CellId);
                    // Not inspected yet this year: this line takes it (swapped with a later line that had it).
                    if (at < 0 || at >= i)
                    {
                        if (at > i) chosen[at] = chosen[i];
                        chosen[i] = cells.First(c => c.Id == late.CellId);
                        late = null;
                    }
                }
                var to = from.AddMonths(3).AddDays(-1);
                var kind = i % 2 == 0 ? InspectionKind.Inspection : InspectionKind.Supervision;
                var item = new InspectionPlanItem
                {
                    CommuneId = communeId, Year = year, Kind = kind, CellId = chosen[i].Id, Topic = topics[(i + year) % topics.Length],
                    From = from, To = to, Team = teams[i % 2], IsDemo = true,
                };
                db.InspectionPlanItems.Add(item);
                await db.SaveChangesAsync(ct);
                var day = from.AddDays(_random.Next(20, 70));
                if (day >= today) continue;
                var session = new InspectionSession
                {
                    CommuneId = communeId, PlanItemId = item.Id, CellId = item.CellId, Date = day, Team = item.Team, IsDemo = true,
                    Conclusion = "Chi bộ quan tâm công tác phát triển đảng viên, hồ sơ cơ bản đầy đủ, đúng quy trình.",
                };
                await checklist.AttachAsync(session, year, day, ct);
                var breaches = InspectionChecklist.BreachesOf(session);
                var snapshot = InspectionChecklist.SnapshotOf(session)!;
                var found = new List<(string Text, int? Case, CheckKind? Check)>();
                foreach (var b in breaches.Take(2)) found.Add(($"{b.FullName}: {b.Message}", b.CandidateId, b.Check));
                if (snapshot.WithoutMentor > 0)
                    found.Add(($"{snapshot.WithoutMentor} quần chúng ưu tú trong nguồn chưa được phân công đảng viên giúp đỡ.", null, null));
                if (found.Count > 0) session.Conclusion = "Chi bộ cơ bản thực hiện đúng quy trình; còn một số tồn tại cần khắc phục (xem các phát hiện).";
                db.InspectionSessions.Add(session);
                await db.SaveChangesAsync(ct);
                foreach (var (text, candidate, check) in found)
                {
                    var finding = new InspectionFinding { CommuneId = communeId, SessionId = session.Id, CellId = session.CellId, Text = text, CandidateId = candidate, Check = check, IsDemo = true };
                    db.InspectionFindings.Add(finding);
                    await db.SaveChangesAsync(ct);
                    var due = day.AddDays(_random.Next(30, 60));
                    var action = new CorrectiveAction
                    {
                        CommuneId = communeId, FindingId = finding.Id, CellId = finding.CellId, DueDate = due, IsDemo = true, Owner = $"Bí thư {chosen[i].Name}",
                        Task = candidate is null ? "Phân công đảng viên giúp đỡ cho quần chúng ưu tú còn thiếu; báo cáo Đảng ủy." : "Chi bộ kiểm điểm, rút kinh nghiệm; bổ sung, hoàn chỉnh hồ sơ theo quy định.",
                    };
                    var done = due.AddDays(-_random.Next(0, 20));
                    // Mentors for those without one: done the day the last of them had one (or left the pool), not before.
                    if (candidate is null)
                        done = await AllMentoredOnAsync(session.CellId, day, ct) is { } mentored ? (mentored > done ? mentored : done) : today;
                    if (due < today && !overdueGiven && year == today.Year) { action.Status = ActionStatus.Open; overdueGiven = true; }
                    else if (due >= today && !inProgressGiven) { action.Status = ActionStatus.InProgress; inProgressGiven = true; }
                    else if (done < today && done >= day)
                    {
                        action.Status = ActionStatus.Done;
                        action.DoneOn = done;
                        action.Evidence = $"Chi bộ đã họp kiểm điểm, có Nghị quyết số {_random.Next(5, 40):00}-NQ/CB ngày {done:dd/MM/yyyy}; hồ sơ đã bổ sung.";
                    }
                    else action.Status = ActionStatus.Open;
                    db.CorrectiveActions.Add(action);
                }
                await db.SaveChangesAsync(ct);
            }
        }
    }

    /// <summary>
    /// The day the last candidate of the cell who was in the pool without a mentor on <paramref name="day"/> got one or
    /// left the pool (from the steps, as the session's figures count them); null while one of them still waits.
    /// </summary>
    private async Task<DateOnly?> AllMentoredOnAsync(int cellId, DateOnly day, CancellationToken ct)
    {
        // Who was waiting is the session's own figure, read by the same rule (CellDevelopment.AsRecordedAsync).
        var waiting = (await development.AsRecordedAsync([cellId], day, book, ct)).Where(c => c.InPool && !c.Mentored).Select(c => c.CandidateId).ToList();
        var kinds = new[] { Core.Admission.AdmissionStepKind.MentorAssigned, Core.Admission.AdmissionStepKind.Ceremony, Core.Admission.AdmissionStepKind.Withdrawal };
        var firsts = await db.AdmissionSteps.Where(s => waiting.Contains(s.CandidateId) && kinds.Contains(s.Kind) && s.Date > day)
            .GroupBy(s => s.CandidateId).Select(g => g.Min(s => s.Date)).ToListAsync(ct);
        if (firsts.Count < waiting.Count) return null;
        return firsts.Count == 0 ? day : firsts.Max();
    }
}
