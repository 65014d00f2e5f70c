using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;
using K = PhatTrienDangVien.Core.Admission.AdmissionStepKind;
using S = PhatTrienDangVien.Core.Admission.AdmissionStage;

namespace PhatTrienDangVien.Core.Tests.Admission;

public class DecisionAndCeremonyDeadlineTests
{
    private static readonly DateOnly s_birth = D("1998-01-10");

    /// <summary>Approving cell vote on 1/12/2026: the decision is due 3/3/2027 (60 working days across Tết).</summary>
    private static CaseDriver CellApproved()
    {
        var driver = new CaseDriver(s_birth, D("2027-12-31")).ToOpinions(D("2026-11-02"));
        driver.CellVote(D("2026-12-01"));
        return driver;
    }

    [Theory]
    [InlineData("2027-03-03", false)] // the 60th working day
    [InlineData("2027-03-04", true)] // the 61st: recorded, flagged late
    public void A_late_admission_decision_is_recorded_and_flagged_not_refused(string date, bool late)
    {
        CaseDriver driver = CellApproved();

        StepRecord decision = driver.Decision(D(date));

        decision.DueDate.ShouldBe(D("2027-03-03"));
        decision.IsLate.ShouldBe(late);
        driver.Case.CurrentStage.ShouldBe(S.Decided);
        Deadlines.For(driver.Case, driver.Rules, WorkingDays)[0].IsLate.ShouldBe(late);
    }

    [Theory]
    [InlineData("2027-04-14", false)] // 60 + 30 working days
    [InlineData("2027-04-15", true)]
    public void A_recorded_extension_adds_thirty_working_days_to_the_decision_deadline(string date, bool late)
    {
        CaseDriver driver = CellApproved();
        driver.Case.RecordDecisionExtension(new ReasonInput { Date = D("2027-02-01"), Reason = "Chờ kết quả thẩm tra bổ sung" }, driver.Ctx);

        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2027-02-01"))!.DueDate.ShouldBe(D("2027-04-14"));
        driver.Decision(D(date)).IsLate.ShouldBe(late);
    }

    [Fact]
    public void The_decision_can_be_extended_only_once_and_only_with_a_reason()
    {
        CaseDriver driver = CellApproved();

        Should.Throw<DomainException>(() => driver.Case.RecordDecisionExtension(new ReasonInput { Date = D("2027-02-01") }, driver.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.ReasonRequired));
        driver.Case.RecordDecisionExtension(new ReasonInput { Date = D("2027-02-01"), Reason = "Trường hợp đặc biệt" }, driver.Ctx);
        Should.Throw<DomainException>(() => driver.Case.RecordDecisionExtension(new ReasonInput { Date = D("2027-02-02"), Reason = "Lần hai" }, driver.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.StepOrder));
        driver.Case.CurrentStage.ShouldBe(S.CellApproved);
    }

    [Theory]
    [InlineData("2027-04-07", null, false)] // 30th working day after the cell received the decision (24/2)
    [InlineData("2027-04-08", "18-CV/TU", true)] // late, with the superior committee's consent
    public void The_ceremony_is_due_thirty_working_days_after_the_decision_is_received(string date, string? consent, bool late)
    {
        CaseDriver driver = CellApproved();
        driver.Decision(D("2027-02-19"), received: D("2027-02-24"));

        StepRecord ceremony = driver.Ceremony(D(date), consent);

        ceremony.DueDate.ShouldBe(D("2027-04-07"));
        ceremony.IsLate.ShouldBe(late);
        ceremony.ReadDetails<CeremonyDetails>()!.LateConsentDocument.ShouldBe(consent);
    }

    [Fact]
    public void A_late_ceremony_without_the_superior_committees_consent_is_refused()
    {
        CaseDriver driver = CellApproved();
        driver.Decision(D("2027-02-19"), received: D("2027-02-24"));

        var error = Should.Throw<DomainException>(() => driver.Ceremony(D("2027-04-08")));

        error.Rule.ShouldBe(nameof(ProcedureRules.LateCeremonyConsent));
        error.Message.ShouldContain("07/04/2027");
        driver.Case.CurrentStage.ShouldBe(S.Decided);
    }

    [Fact]
    public void Without_a_receipt_date_the_ceremony_deadline_counts_from_the_decision()
    {
        CaseDriver driver = CellApproved();
        driver.Decision(D("2027-02-19"));

        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2027-02-19"))!.DueDate.ShouldBe(D("2027-04-02"));
    }

    [Fact]
    public void A_due_date_passed_on_a_weekend_is_overdue_not_due_today()
    {
        CaseDriver driver = CellApproved();
        driver.Decision(D("2027-02-19"));

        // The ceremony is due on Friday 02/04/2027. On the Saturday after, no working day lies between the two dates:
        // the count was 0, read as "due today", and the work list's "due soon" tab showed a passed deadline.
        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2027-04-02"))!.WorkingDaysLeft.ShouldBe(0);
        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2027-04-03"))!.WorkingDaysLeft.ShouldBe(-1);
        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2027-04-04"))!.WorkingDaysLeft.ShouldBe(-1);
        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2027-04-06"))!.WorkingDaysLeft.ShouldBe(-2);
    }

    [Fact]
    public void A_receipt_date_before_the_decision_is_refused()
    {
        CaseDriver driver = CellApproved();

        Should.Throw<DomainException>(() => driver.Decision(D("2027-02-19"), received: D("2027-02-18")))
            .Rule.ShouldBe(nameof(ProcedureRules.StepDate));
    }
}

public class ProbationAndRecognitionTests
{
    private static readonly DateOnly s_birth = D("1998-01-10");

    /// <summary>Ceremony 19/3/2027 (probation ends 19/3/2028), new-member class done.</summary>
    private static CaseDriver InProbation(bool withClass = true)
    {
        var driver = new CaseDriver(s_birth, D("2029-12-31")).ToOpinions(D("2026-11-02"));
        driver.CellVote(D("2026-12-01"));
        driver.Decision(D("2027-02-19"), received: D("2027-02-24"));
        driver.Ceremony(D("2027-03-19"));
        if (withClass)
        {
            driver.NewMemberClass(D("2027-06-10"));
        }

        return driver;
    }

    [Theory]
    [InlineData("2027-03-19", "2028-03-19")]
    [InlineData("2024-02-29", "2025-02-28")] // from a 29 February: the last day of February
    [InlineData("2025-08-31", "2026-08-31")]
    public void Probation_ends_twelve_months_after_the_ceremony(string ceremony, string end)
    {
        var driver = new CaseDriver(s_birth, D(ceremony)).ToOpinions(D(ceremony).AddDays(-40));
        driver.CellVote(D(ceremony).AddDays(-30));
        driver.Decision(D(ceremony).AddDays(-10));
        driver.Ceremony(D(ceremony));

        driver.Case.ProbationEnd.ShouldBe(D(end));
        driver.Case.CeremonyDate.ShouldBe(D(ceremony));
    }

    [Theory]
    [InlineData("2028-03-18", false)] // the day before probation ends
    [InlineData("2028-03-19", true)] // the day it ends
    public void The_recognition_vote_is_refused_before_probation_ends(string date, bool allowed)
    {
        CaseDriver driver = InProbation();

        if (allowed)
        {
            driver.RecognitionVote(D(date), 6, 0).Outcome.ShouldBe(VoteOutcome.Approved);
        }
        else
        {
            var error = Should.Throw<DomainException>(() => driver.RecognitionVote(D(date), 6, 0));
            error.Rule.ShouldBe(RuleParameterKeys.ProbationMonths);
            error.Message.ShouldContain("19/03/2028");
            driver.Case.CurrentStage.ShouldBe(S.Probation);
        }
    }

    [Theory]
    [InlineData("2028-05-03", false)] // 30th working day after 19/3/2028
    [InlineData("2028-05-04", true)]
    public void The_recognition_vote_is_due_thirty_working_days_after_probation_ends(string date, bool late)
    {
        CaseDriver driver = InProbation();

        StepRecord vote = driver.RecognitionVote(D(date), 6, 0);

        vote.DueDate.ShouldBe(D("2028-05-03"));
        vote.IsLate.ShouldBe(late);
    }

    [Fact]
    public void The_member_is_official_from_the_end_of_probation_even_when_the_meeting_and_decision_are_late()
    {
        CaseDriver driver = InProbation();
        driver.RecognitionVote(D("2028-06-01"), 7, 0).IsLate.ShouldBeTrue();

        StepRecord decision = driver.Case.RecordRecognitionDecision(new SimpleStepInput { Date = D("2028-07-14") }, driver.Ctx);

        decision.DueDate.ShouldBe(D("2028-07-13"));
        decision.IsLate.ShouldBeTrue();
        driver.Case.CurrentStage.ShouldBe(S.Official);
        driver.Case.OfficialDate.ShouldBe(D("2028-03-19"));
        driver.Case.PartyAgeFrom.ShouldBe(D("2027-02-19"));
    }

    [Fact]
    public void An_extension_adds_thirty_working_days_to_the_recognition_decision()
    {
        CaseDriver driver = InProbation();
        driver.RecognitionVote(D("2028-03-20"), 7, 0);
        driver.Case.RecordDecisionExtension(new ReasonInput { Date = D("2028-04-20"), Reason = "Bổ sung hồ sơ" }, driver.Ctx);

        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2028-04-20"))!.DueDate.ShouldBe(D("2028-06-15"));
        driver.Case.RecordRecognitionDecision(new SimpleStepInput { Date = D("2028-06-15") }, driver.Ctx).IsLate.ShouldBeFalse();
    }

    [Theory]
    [InlineData(6, 3, VoteOutcome.Approved, S.RecognitionApproved)] // 6 of 9 = 2/3
    [InlineData(3, 6, VoteOutcome.Rejected, S.RemovalProposed)]
    [InlineData(5, 4, VoteOutcome.Inconclusive, S.Probation)]
    public void A_recognition_vote_approves_proposes_removal_or_is_inconclusive(int forVotes, int against, VoteOutcome outcome, S stage)
    {
        CaseDriver driver = InProbation();

        driver.RecognitionVote(D("2028-03-20"), forVotes, against).Outcome.ShouldBe(outcome);

        driver.Case.CurrentStage.ShouldBe(stage);
    }

    [Fact]
    public void A_proposal_to_remove_leads_to_the_removal_not_to_recognition()
    {
        CaseDriver driver = InProbation();
        driver.RecognitionVote(D("2028-03-20"), 2, 6);

        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2028-03-20")).ShouldBe(
            new PendingAction(K.Removal, D("2028-05-04"), 30, RuleParameterKeys.RecognitionDecisionDeadlineWorkingDays));
        Should.Throw<DomainException>(() => driver.Case.RecordRecognitionDecision(new SimpleStepInput { Date = D("2028-03-25") }, driver.Ctx));
        driver.Case.RecordRemoval(new ReasonInput { Date = D("2028-04-02"), Reason = "Không đủ tiêu chuẩn" }, driver.Ctx);
        driver.Case.CurrentStage.ShouldBe(S.Removed);
        driver.Case.OfficialDate.ShouldBeNull();
    }

    [Theory]
    [InlineData(2, S.Probation, true)]
    [InlineData(3, S.AwaitingSuperiorDecision, false)]
    public void After_three_votes_without_two_thirds_either_way_the_superior_committee_decides(int votes, S stage, bool anotherVoteAllowed)
    {
        CaseDriver driver = InProbation();
        for (int i = 0; i < votes; i++)
        {
            driver.RecognitionVote(D("2028-03-20").AddDays(7 * i), 5, 4).Outcome.ShouldBe(VoteOutcome.Inconclusive);
        }

        driver.Case.CurrentStage.ShouldBe(stage);
        IReadOnlyList<K> allowed = driver.Case.AllowedNext(driver.Rules, D("2028-04-30"));
        allowed.Contains(K.RecognitionVote).ShouldBe(anotherVoteAllowed);
        allowed.Contains(K.RecognitionDecision).ShouldBe(!anotherVoteAllowed);
        allowed.ShouldContain(K.Removal);
        if (!anotherVoteAllowed)
        {
            Should.Throw<DomainException>(() => driver.RecognitionVote(D("2028-04-30"), 5, 4)).Rule.ShouldBe(RuleParameterKeys.MaxRecognitionVotes);
            driver.Case.RecognitionVoteCount.ShouldBe(3);
            // The superior committee's decision is due 30 working days after the third vote (3/4/2028; 4/4 is Giỗ Tổ).
            Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, D("2028-04-30"))!.DueDate.ShouldBe(D("2028-05-18"));
            driver.Case.RecordRecognitionDecision(new SimpleStepInput { Date = D("2028-05-10") }, driver.Ctx);
            driver.Case.OfficialDate.ShouldBe(D("2028-03-19"));
        }
    }

    [Fact]
    public void Recognition_is_refused_without_the_new_member_class_but_other_outcomes_are_recorded()
    {
        CaseDriver driver = InProbation(withClass: false);

        Should.Throw<DomainException>(() => driver.RecognitionVote(D("2028-03-20"), 7, 0))
            .Rule.ShouldBe(nameof(ProcedureRules.NewMemberClassBeforeRecognition));
        driver.RecognitionVote(D("2028-03-20"), 5, 4).Outcome.ShouldBe(VoteOutcome.Inconclusive);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_cell_with_fewer_than_three_official_members_cannot_vote_on_recognition(int official, bool allowed)
    {
        CaseDriver driver = InProbation();
        Action vote = () => driver.RecognitionVote(D("2028-03-20"), official, 0, official);

        if (allowed)
        {
            vote();
        }
        else
        {
            Should.Throw<DomainException>(vote).Rule.ShouldBe(RuleParameterKeys.MinOfficialMembersToVote);
        }
    }
}
