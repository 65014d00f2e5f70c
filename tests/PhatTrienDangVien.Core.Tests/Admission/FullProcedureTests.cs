using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;
using K = PhatTrienDangVien.Core.Admission.AdmissionStepKind;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;

namespace PhatTrienDangVien.Core.Tests.Admission;

public class FullProcedureTests
{
    private readonly CaseDriver _driver = new(D("1998-01-10"), D("2026-03-02"));

    private AdmissionCase Case => _driver.Case;

    private StepContext On(string today)
    {
        _driver.Today = D(today);
        return _driver.Ctx;
    }

    private PendingAction Next() => Deadlines.NextAction(Case, _driver.Rules, WorkingDays, _driver.Today)!;

    private void ShouldBeAt(S stage, K next, string? due = null, int? daysLeft = null)
    {
        Case.CurrentStage.ShouldBe(stage);
        PendingAction action = Next();
        action.Kind.ShouldBe(next);
        action.DueDate.ShouldBe(due is null ? null : D(due));
        if (daysLeft is not null)
        {
            action.WorkingDaysLeft.ShouldBe(daysLeft);
        }
    }

    [Fact]
    public void One_case_runs_from_the_source_pool_to_recognition_with_the_decision_deadline_crossing_Tet_2027()
    {
        ShouldBeAt(S.NotStarted, K.SourcePool);

        Case.RecordSourcePool(new SimpleStepInput { Date = D("2026-03-02") }, On("2026-03-02"));
        ShouldBeAt(S.SourcePool, K.MentorAssigned);

        Case.RecordMentorAssigned(new MentorInput { Date = D("2026-03-02"), MentorMemberId = 7 }, On("2026-03-02"));
        ShouldBeAt(S.Mentored, K.AwarenessClass);

        Case.RecordAwarenessClass(new ClassInput { Date = D("2026-04-10"), CertificateNumber = "15/CN-TTCT", CertificateDate = D("2026-04-10") }, On("2026-04-10"));
        ShouldBeAt(S.ClassPassed, K.Application);

        Case.RecordApplication(new SimpleStepInput { Date = D("2026-05-04") }, On("2026-05-04"));
        ShouldBeAt(S.Applied, K.PersonalHistory);

        Case.RecordPersonalHistory(History(D("2026-06-15")), On("2026-06-15"));
        ShouldBeAt(S.HistoryVerified, K.Introduction);

        Case.RecordIntroduction(new IntroductionInput
        {
            Date = D("2026-07-01"),
            Path = IntroductionPath.TwoMembers,
            Introducers = [Official(1, D("2024-01-01")), Official(2, D("2025-07-01"))],
        }, On("2026-07-01"));
        ShouldBeAt(S.Introduced, K.Opinions);

        Case.RecordOpinions(new SimpleStepInput { Date = D("2026-07-15") }, On("2026-07-15"));
        ShouldBeAt(S.OpinionsCollected, K.CellVote, due: "2031-04-10"); // the certificate's last valid day
        Next().RuleKey.ShouldBe(RuleParameterKeys.CertificateValidityMonths);

        _driver.Today = D("2026-12-01");
        _driver.CellVote(D("2026-12-01"), forVotes: 8, officialMembers: 11, excluded: 1);
        // 60 working days skip 1/1/2027 and Tết 2027 (5/2 and 8–11/2).
        ShouldBeAt(S.CellApproved, K.Decision, due: "2027-03-03", daysLeft: 60);
        _driver.Today = D("2027-03-01");
        Next().WorkingDaysLeft.ShouldBe(2);
        _driver.Today = D("2027-03-04");
        Next().WorkingDaysLeft.ShouldBe(-1);

        _driver.Today = D("2027-02-24");
        StepRecord decision = _driver.Decision(D("2027-02-19"), received: D("2027-02-24"));
        decision.DueDate.ShouldBe(D("2027-03-03"));
        decision.IsLate.ShouldBeFalse();
        ShouldBeAt(S.Decided, K.Ceremony, due: "2027-04-07", daysLeft: 30); // counted from receipt, not from the decision

        _driver.Today = D("2027-03-19");
        _driver.Ceremony(D("2027-03-19")).IsLate.ShouldBeFalse();
        Case.ProbationEnd.ShouldBe(D("2028-03-19"));
        ShouldBeAt(S.Probation, K.NewMemberClass, due: "2028-03-19");

        Case.RecordProbationMentorAssigned(new MentorInput { Date = D("2027-03-19"), MentorMemberId = 9 }, On("2027-03-19"));
        ShouldBeAt(S.Probation, K.NewMemberClass, due: "2028-03-19");

        _driver.Today = D("2027-06-10");
        _driver.NewMemberClass(D("2027-06-10"));
        ShouldBeAt(S.Probation, K.RecognitionVote, due: "2028-05-03");
        Next().NotBefore.ShouldBe(D("2028-03-19"));
        Case.AllowedNext(_driver.Rules, D("2028-03-18")).ShouldNotContain(K.RecognitionVote);
        Case.AllowedNext(_driver.Rules, D("2028-03-19")).ShouldContain(K.RecognitionVote);

        _driver.Today = D("2028-03-20");
        StepRecord vote = _driver.RecognitionVote(D("2028-03-20"), forVotes: 7, against: 1, officialMembers: 9);
        vote.Outcome.ShouldBe(VoteOutcome.Approved);
        vote.IsLate.ShouldBeFalse();
        ShouldBeAt(S.RecognitionApproved, K.RecognitionDecision, due: "2028-05-04", daysLeft: 30);

        Case.RecordRecognitionDecision(new SimpleStepInput { Date = D("2028-04-10"), DocumentNumber = "45-QĐ/ĐU" }, On("2028-04-10"));
        Case.CurrentStage.ShouldBe(S.Official);
        Deadlines.NextAction(Case, _driver.Rules, WorkingDays, _driver.Today).ShouldBeNull();
        Case.OfficialDate.ShouldBe(D("2028-03-19"));
        Case.PartyAgeFrom.ShouldBe(D("2027-02-19"));
        Case.AllowedNext(_driver.Rules, _driver.Today).ShouldBeEmpty();

        Deadlines.For(Case, _driver.Rules, WorkingDays).ShouldBe(
        [
            new Deadline(K.Decision, D("2027-03-03"), D("2026-12-01"), RuleParameterKeys.DecisionDeadlineWorkingDays, D("2027-02-19")),
            new Deadline(K.Ceremony, D("2027-04-07"), D("2027-02-24"), RuleParameterKeys.CeremonyDeadlineWorkingDays, D("2027-03-19")),
            new Deadline(K.NewMemberClass, D("2028-03-19"), D("2027-03-19"), RuleParameterKeys.ProbationMonths, D("2027-06-10")),
            new Deadline(K.RecognitionVote, D("2028-05-03"), D("2028-03-19"), RuleParameterKeys.RecognitionReviewDeadlineWorkingDays, D("2028-03-20")),
            new Deadline(K.RecognitionDecision, D("2028-05-04"), D("2028-03-20"), RuleParameterKeys.RecognitionDecisionDeadlineWorkingDays, D("2028-04-10")),
        ]);
        Case.Steps.Count.ShouldBe(14);
    }

    [Fact]
    public void Refused_steps_leave_the_case_exactly_as_it_was()
    {
        var driver = new CaseDriver(D("2008-05-16"), D("2026-06-30")).ToOpinions(D("2026-05-01"));
        string before = string.Join("|", driver.Case.Steps.Select(s => $"{s.Kind}{s.Date}"));

        Should.Throw<DomainException>(() => driver.CellVote(D("2026-05-15"))); // 17 years 11 months
        Should.Throw<DomainException>(() => driver.Ceremony(D("2026-05-15")));
        Should.Throw<DomainException>(() => driver.Case.RecordOpinions(new SimpleStepInput { Date = D("2026-04-30") }, driver.Ctx));

        driver.Case.Steps.Count.ShouldBe(7);
        driver.Case.CurrentStage.ShouldBe(S.OpinionsCollected);
        string.Join("|", driver.Case.Steps.Select(s => $"{s.Kind}{s.Date}")).ShouldBe(before);
        driver.CellVote(D("2026-05-16")).Outcome.ShouldBe(VoteOutcome.Approved); // 18 the next day
    }
}
