using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Calendar;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Admission;

/// <summary>
/// The next action of every open case in the user's scope, with who must act: the mentor, the cell secretary and the
/// committee member in charge of the cell.
/// </summary>
public sealed class WorkList(AppDbContext db, RuleBookProvider rules, CalendarService calendars, TimeProvider clock, FigureCache figures)
{
    /// <summary>
    /// The row of a case's next step (<see cref="WorkKind.Step"/>, with its legal deadline), or of a task that has no
    /// legal deadline but waits for someone: a mentor to assign, an assessment to write, a probation ending.
    /// </summary>
    public sealed record Item(int CandidateId, string FullName, int CellId, string Cell, AdmissionStage Stage, PendingAction Next,
        int? MentorId, string? Mentor, int? SecretaryId, string? Secretary, int? InChargeId, string? InCharge, WorkKind Kind = WorkKind.Step)
    {
        /// <summary>Past its due date. A date that passed is overdue even on a weekend, when no working day separates it from today.</summary>
        public bool IsOverdue => Kind == WorkKind.Step && Next.WorkingDaysLeft < 0;

        /// <summary>Due from today to <paramref name="days"/> working days ahead, never overdue: the "Sắp đến hạn" tab and its count.</summary>
        public bool IsDueWithin(int days) => Kind == WorkKind.Step && Next.WorkingDaysLeft is >= 0 and var d && d <= days;

        /// <summary>A probationary member typed into the register before the software: no case yet (<see cref="CandidateId"/> 0).</summary>
        public int? MemberId { get; init; }

        public bool IsRegisterMember => MemberId is not null && CandidateId == 0;

        /// <summary>Where the person's name leads: the case's timeline, or the member's page for one without a case.</summary>
        public string PersonLink => IsRegisterMember
            ? $"/Members/Details/{MemberId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
            : $"/Candidates/Timeline/{CandidateId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    /// <summary>Everything the work list and the home page read, from one load: the open cases' next steps, the other
    /// tasks, the commune's alert thresholds (the horizons) and the day it was computed for.</summary>
    public sealed record Snapshot(IReadOnlyList<Item> Cases, IReadOnlyList<Item> Tasks, AlertThresholds Thresholds, DateOnly Today);

    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public async Task<IReadOnlyList<Item>> ItemsAsync(CancellationToken ct) => (await SnapshotAsync(ct)).Cases;

    /// <summary>Computed once per change of the commune's data, for each scope (<see cref="FigureCache"/>).</summary>
    public Task<Snapshot> SnapshotAsync(CancellationToken ct) => figures.GetAsync(db, "worklist", "", () => ComputeAsync(ct), ct);

    private async Task<Snapshot> ComputeAsync(CancellationToken ct)
    {
        var candidates = await db.Candidates.AsNoTracking().Where(c => c.Status != CandidateStatus.Withdrawn)
            .Select(c => new
            {
                c.Id, c.Person.FullName, c.Person.DateOfBirth, c.CellId, Cell = c.Cell.Name, c.MentorMemberId, c.Cell.SecretaryMemberId, c.AddedOn,
            }).ToListAsync(ct);
        var ids = candidates.Select(c => c.Id).ToList();
        var steps = (await db.AdmissionSteps.AsNoTracking().Where(s => ids.Contains(s.CandidateId)).ToListAsync(ct)).ToLookup(s => s.CandidateId);
        var people = candidates.SelectMany(c => new[] { c.SecretaryMemberId, c.MentorMemberId }).OfType<int>().Distinct().ToList();
        // Names of mentors, secretaries and committee members are shown to whoever sees the case, across cells.
        var names = await db.Members.WholeCommune()
            .Where(m => people.Contains(m.Id) || (m.Positions & CommitteePositions.CommuneCommitteeMember) != 0)
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        var today = Today;
        // Who is in charge of a visible case's cell is part of that case, whatever cells the user covers.
        var inCharge = (await db.CellResponsibilities.WholeCommune()
            .Where(r => r.From <= today && (r.To == null || r.To >= today))
            .Select(r => new { r.CellId, r.MemberId }).ToListAsync(ct)).ToLookup(r => r.CellId, r => r.MemberId);
        // The commune's own horizons, as its alerts use them: the home page and the notifications count alike.
        var thresholds = await Notifications.CommuneThresholds.ForAsync(db, null, ct);

        var book = await rules.GetAsync(ct);
        var calendar = await calendars.GetAsync(ct);
        var cases = new List<Item>();
        var tasks = new List<Item>();
        foreach (var c in candidates)
        {
            var admissionCase = new AdmissionCase(c.Id, c.DateOfBirth, steps[c.Id]);
            if (Deadlines.NextAction(admissionCase, book, calendar, today) is not { } next) continue;
            int? chargeId = inCharge[c.CellId].Cast<int?>().FirstOrDefault();
            Item Row(PendingAction action, WorkKind kind) => new(c.Id, c.FullName, c.CellId, c.Cell, admissionCase.CurrentStage, action, c.MentorMemberId,
                c.MentorMemberId is { } mentor && names.TryGetValue(mentor, out var mn) ? mn : null,
                c.SecretaryMemberId, c.SecretaryMemberId is { } s && names.TryGetValue(s, out var sn) ? sn : null,
                chargeId, chargeId is { } ci && names.TryGetValue(ci, out var cn) ? cn : null, kind);
            cases.Add(Row(next, WorkKind.Step));

            var facts = new CaseFacts(c.Id, c.FullName, c.Cell, c.AddedOn, c.MentorMemberId, admissionCase);
            foreach (var alert in AlertRules.For(facts, book, calendar, today, thresholds))
            {
                if (alert.Kind == NotificationKind.NoMentor)
                    tasks.Add(Row(new PendingAction(AdmissionStepKind.MentorAssigned, alert.DueDate, null, null), WorkKind.NoMentor));
                else if (alert.Kind == NotificationKind.ProbationEnding)
                    tasks.Add(Row(new PendingAction(AdmissionStepKind.RecognitionVote, alert.DueDate, null, null, alert.DueDate), WorkKind.ProbationEnding));
            }
            if (AlertRules.AssessmentOwed(facts, book, calendar, today, thresholds) is { } owed)
                tasks.Add(Row(new PendingAction(AdmissionStepKind.MentorAssessment, owed.DueBy, null, null), WorkKind.AssessmentOwed));
            // Extension point (issue 13): corrective actions after an inspection become a WorkKind of their own here,
            // with the action that closes them, once that data exists; the home page shows every kind it is given.
        }
        await AddRegisterProbationAsync(tasks, names, inCharge, thresholds, book, today, ct);
        return new Snapshot(cases, [.. tasks.OrderBy(t => t.Next.DueDate).ThenBy(t => t.FullName, StringComparer.Ordinal)], thresholds, today);
    }

    /// <summary>
    /// Probationary members typed into the register before the software have no case, so no alert: their probation
    /// ends by the register's ceremony date (<see cref="Reports.ProbationReport.RegisterEnd"/>, as the Probation report
    /// says it). Within the commune's horizon, or already past, each is a "Sắp hết thời gian dự bị" task whose button
    /// opens the recognition case (decision 0025). Only those whose ceremony day is known: a case needs it.
    /// </summary>
    private async Task AddRegisterProbationAsync(List<Item> tasks, Dictionary<int, string> names, ILookup<int, int> inCharge,
        AlertThresholds thresholds, Core.Admission.RuleBook book, DateOnly today, CancellationToken ct)
    {
        // Whoever has a case (in any cell) is followed through it; the rest of the register's probationary members here.
        // Bypass reviewed: the cell filter is lifted only to ask whether a case exists; the members read stay in scope.
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Probationary && m.CeremonyDate != null && m.CeremonyDatePrecision == DatePrecision.Day
                && !db.Candidates.WholeCommune().Any(c => c.PersonId == m.PersonId))
            .Select(m => new { m.Id, m.Person.FullName, m.Person.DateOfBirth, m.CellId, Cell = m.Cell.Name, m.Cell.SecretaryMemberId, Ceremony = m.CeremonyDate!.Value })
            .ToListAsync(ct);
        var horizon = today.AddDays(thresholds.ProbationHorizonDays);
        foreach (var m in members)
        {
            var end = Reports.ProbationReport.RegisterEnd(m.Ceremony, book);
            if (end > horizon) continue;
            int? chargeId = inCharge[m.CellId].Cast<int?>().FirstOrDefault();
            tasks.Add(new Item(0, m.FullName, m.CellId, m.Cell, AdmissionStage.Probation,
                new PendingAction(AdmissionStepKind.RecognitionVote, end, null, null, end), null, null,
                m.SecretaryMemberId, m.SecretaryMemberId is { } s && names.TryGetValue(s, out var sn) ? sn : null,
                chargeId, chargeId is { } ci && names.TryGetValue(ci, out var cn) ? cn : null, WorkKind.ProbationEnding) { MemberId = m.Id });
        }
    }

    /// <summary>
    /// "Chỉ việc của tôi": a row is the user's when they mentor the candidate, are the cell's secretary or the committee
    /// member in charge, or — for a cell secretary and a committee member — when the case is in the cells they answer for.
    /// </summary>
    public bool IsMine(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var s = db.Scope;
        if (s.OwnMemberId is { } me && (item.MentorId == me || item.SecretaryId == me || item.InChargeId == me)) return true;
        if (s.MentorMemberId is { } mentor && item.MentorId == mentor) return true;
        return s.Role is Authorization.Roles.CellSecretary or Authorization.Roles.CommitteeMember && !s.WholeCommune && s.CellIds.Contains(item.CellId);
    }

    /// <summary>
    /// The open corrective actions of the user's cells, as the home page and the work list show them: kept with the
    /// figures under the data version (an action is a write of its commune), two queries less on both pages.
    /// </summary>
    public Task<IReadOnlyList<Inspections.InspectionReads.ActionRow>> OpenCorrectionsAsync(CancellationToken ct) =>
        figures.GetRowsAsync<Inspections.InspectionReads.ActionRow>(db, "open-corrections", "",
            async () => await Inspections.InspectionReads.ActionsAsync(db, null, null, Inspections.InspectionReads.ActionFilter.Open, Today, ct), ct);

    /// <summary>For the page header: the work list's own count (kept with it under the data versions).</summary>
    public async Task<int> OverdueCountAsync(CancellationToken ct) => (await ItemsAsync(ct)).Count(i => i.IsOverdue);
}

/// <summary>What a row of the work list asks for. Stored nowhere: a filter value in the address.</summary>
public enum WorkKind
{
    /// <summary>The next step of the procedure, with its legal deadline.</summary>
    Step,
    /// <summary>A candidate past the commune's limit without a mentor.</summary>
    NoMentor,
    /// <summary>The mentor's written assessment the file needs (before the cell vote, or form 11-KNĐ).</summary>
    AssessmentOwed,
    /// <summary>Probation ends within the commune's horizon: prepare the recognition review.</summary>
    ProbationEnding,
}
