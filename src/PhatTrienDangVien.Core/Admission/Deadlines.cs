using PhatTrienDangVien.Core.Calendar;
using K = PhatTrienDangVien.Core.Admission.RuleParameterKeys;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Core.Admission;

/// <summary>A due date of the procedure: the step <paramref name="Kind"/> is due by <paramref name="DueDate"/>,
/// counted from <paramref name="BasedOn"/> under the parameter <paramref name="RuleKey"/>; <paramref name="MetOn"/>
/// is the date the step was recorded, if it was.</summary>
public sealed record Deadline(AdmissionStepKind Kind, DateOnly DueDate, DateOnly BasedOn, string RuleKey, DateOnly? MetOn)
{
    public bool IsLate => (MetOn is { } met && met > DueDate);
}

/// <summary>What to do next: the step, its due date if it has one, the working days left (negative = overdue),
/// and the first date it may happen when it cannot happen yet (the recognition vote before probation ends).</summary>
public sealed record PendingAction(AdmissionStepKind Kind, DateOnly? DueDate, int? WorkingDaysLeft, string? RuleKey, DateOnly? NotBefore = null);

/// <summary>
/// Due dates of a case. Working-day periods use <see cref="WorkingDayCalendar.AddWorkingDays"/> from the event date;
/// the number of days is the one stored in the snapshot of the step the period counts from (the rules the case ran
/// under), <paramref name="rules"/> only filling in keys a snapshot lacks.
/// </summary>
public static class Deadlines
{
    public static IReadOnlyList<Deadline> For(AdmissionCase admissionCase, RuleBook rules, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(admissionCase);
        ArgumentNullException.ThrowIfNull(calendar);
        AdmissionCase.State state = admissionCase.Replay();
        IReadOnlyList<StepRecord> steps = admissionCase.Steps;
        DateOnly? FirstAfter(T kind, StepRecord basis) =>
            steps.SkipWhile(s => s != basis).FirstOrDefault(s => s.Kind == kind)?.Date;

        var list = new List<Deadline>();
        if (state.ApprovedCellVote is { } cellVote)
        {
            list.Add(new(T.Decision, DecisionDue(state, rules, calendar), cellVote.Date, K.DecisionDeadlineWorkingDays, state.Decision?.Date));
        }

        // A ceremony copied from the register was not run by the software: its deadline is not judged here.
        if (state.Decision is { } decision && !state.FromRegister)
        {
            list.Add(new(T.Ceremony, CeremonyDue(state, rules, calendar), state.DecisionReceived ?? decision.Date, K.CeremonyDeadlineWorkingDays, state.Ceremony?.Date));
        }

        if (state.Ceremony is { } ceremony)
        {
            DateOnly end = state.ProbationEnd!.Value;
            list.Add(new(T.NewMemberClass, end, ceremony.Date, K.ProbationMonths, FirstAfter(T.NewMemberClass, ceremony)));
            list.Add(new(T.RecognitionVote, RecognitionReviewDue(state, rules, calendar), end, K.RecognitionReviewDeadlineWorkingDays, FirstAfter(T.RecognitionVote, ceremony)));
        }

        if (state.DecisiveRecognitionVote is { } vote)
        {
            T kind = vote.Outcome == VoteOutcome.Rejected ? T.Removal : T.RecognitionDecision;
            DateOnly? met = steps.SkipWhile(s => s != vote).FirstOrDefault(s => s.Kind is T.RecognitionDecision or T.Removal)?.Date;
            list.Add(new(kind, RecognitionDecisionDue(state, rules, calendar), vote.Date, K.RecognitionDecisionDeadlineWorkingDays, met));
        }

        // A closed case has nothing left to do: keep only the deadlines that were met.
        return state.Stage is S.Removed or S.Withdrawn ? [.. list.Where(d => d.MetOn is not null)] : list;
    }

    /// <summary>The next step of the procedure, or null when the case is closed (official, removed, withdrawn).</summary>
    public static PendingAction? NextAction(AdmissionCase admissionCase, RuleBook rules, WorkingDayCalendar calendar, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(admissionCase);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(calendar);
        AdmissionCase.State state = admissionCase.Replay();
        // On a weekend or a holiday no working day lies between a passed due date and today: the count is 0, which
        // read as "due today" and put yesterday's deadline in the "due soon" list. A passed date is at least one day late.
        PendingAction Due(T kind, DateOnly due, string key, DateOnly? notBefore = null) =>
            new(kind, due, due < today ? Math.Min(-1, calendar.WorkingDaysBetween(today, due)) : calendar.WorkingDaysBetween(today, due), key, notBefore);

        return state.Stage switch
        {
            S.NotStarted => new(T.SourcePool, null, null, null),
            S.SourcePool => new(T.MentorAssigned, null, null, null),
            S.Mentored => new(T.AwarenessClass, null, null, null),
            S.ClassPassed => new(T.Application, null, null, null),
            S.Applied => new(T.PersonalHistory, null, null, null),
            S.HistoryVerified => new(T.Introduction, null, null, null),
            S.Introduced => new(T.Opinions, null, null, null),
            S.OpinionsCollected when state.Verification is not { IsComplete: true } => new(T.PersonalHistory, null, null, null),
            S.OpinionsCollected => CellVoteOrRetake(state.AwarenessCertificate!, rules.At(today), today, Due),
            S.CellApproved when state.HasSubCommittee => Due(T.SubCommitteeVote, DecisionDue(state, rules, calendar), K.DecisionDeadlineWorkingDays),
            S.CellApproved or S.SubCommitteeApproved => Due(T.Decision, DecisionDue(state, rules, calendar), K.DecisionDeadlineWorkingDays),
            S.Decided => Due(T.Ceremony, CeremonyDue(state, rules, calendar), K.CeremonyDeadlineWorkingDays),
            S.Probation when !state.HasNewMemberClass => Due(T.NewMemberClass, state.ProbationEnd!.Value, K.ProbationMonths),
            S.Probation => Due(T.RecognitionVote, RecognitionReviewDue(state, rules, calendar), K.RecognitionReviewDeadlineWorkingDays,
                today < state.ProbationEnd ? state.ProbationEnd : null),
            S.RecognitionApproved or S.AwaitingSuperiorDecision =>
                Due(T.RecognitionDecision, RecognitionDecisionDue(state, rules, calendar), K.RecognitionDecisionDeadlineWorkingDays),
            S.RemovalProposed => Due(T.Removal, RecognitionDecisionDue(state, rules, calendar), K.RecognitionDecisionDeadlineWorkingDays),
            _ => null,
        };
    }

    private static PendingAction CellVoteOrRetake(
        ClassDetails certificate, RuleSet rulesToday, DateOnly today, Func<T, DateOnly, string, DateOnly?, PendingAction> due)
    {
        DateOnly validUntil = certificate.CertificateDate.AddMonths(rulesToday.CertificateValidityMonths);
        return today > validUntil
            ? new(T.AwarenessClass, null, null, K.CertificateValidityMonths)
            : due(T.CellVote, validUntil, K.CertificateValidityMonths, null);
    }

    internal static DateOnly DecisionDue(AdmissionCase.State state, RuleBook rules, WorkingDayCalendar calendar)
    {
        StepRecord basis = state.ApprovedCellVote!;
        int days = StepRules.Value(basis, K.DecisionDeadlineWorkingDays, rules)
            + (state.DecisionExtended ? StepRules.Value(basis, K.DecisionExtensionWorkingDays, rules) : 0);
        return calendar.AddWorkingDays(basis.Date, days);
    }

    internal static DateOnly CeremonyDue(AdmissionCase.State state, RuleBook rules, WorkingDayCalendar calendar)
    {
        StepRecord decision = state.Decision!;
        return calendar.AddWorkingDays(state.DecisionReceived ?? decision.Date, StepRules.Value(decision, K.CeremonyDeadlineWorkingDays, rules));
    }

    internal static DateOnly RecognitionReviewDue(AdmissionCase.State state, RuleBook rules, WorkingDayCalendar calendar) =>
        calendar.AddWorkingDays(state.ProbationEnd!.Value, StepRules.Value(state.Ceremony!, K.RecognitionReviewDeadlineWorkingDays, rules));

    internal static DateOnly RecognitionDecisionDue(AdmissionCase.State state, RuleBook rules, WorkingDayCalendar calendar)
    {
        StepRecord vote = state.DecisiveRecognitionVote!;
        int days = StepRules.Value(vote, K.RecognitionDecisionDeadlineWorkingDays, rules)
            + (state.RecognitionExtended ? StepRules.Value(vote, K.RecognitionDecisionExtensionWorkingDays, rules) : 0);
        return calendar.AddWorkingDays(vote.Date, days);
    }
}
