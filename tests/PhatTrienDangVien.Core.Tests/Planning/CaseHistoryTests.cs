using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class CaseHistoryTests
{
    [Fact]
    public void Visits_follow_the_rules_engine_and_skip_steps_that_do_not_change_the_stage()
    {
        var c = new CaseBuilder(1, 10)
            .Step(AdmissionStepKind.SourcePool, "2025-01-01")
            .Step(AdmissionStepKind.MentorAssigned, "2025-01-01")
            .Step(AdmissionStepKind.MentorAssessment, "2025-02-01")
            .Step(AdmissionStepKind.AwarenessClass, "2025-03-01")
            .Step(AdmissionStepKind.Application, "2025-03-10")
            .Step(AdmissionStepKind.PersonalHistory, "2025-04-10")
            .Step(AdmissionStepKind.Introduction, "2025-05-10")
            .Step(AdmissionStepKind.Opinions, "2025-05-20")
            .Step(AdmissionStepKind.CellVote, "2025-06-01", VoteOutcome.NotApproved)
            .Step(AdmissionStepKind.CellVote, "2025-07-01")
            .Step(AdmissionStepKind.SubCommitteeVote, "2025-07-15")
            .Step(AdmissionStepKind.Decision, "2025-08-01")
            .Step(AdmissionStepKind.Ceremony, "2025-08-20")
            .Build();

        c.Visits.Select(v => v.Stage).ShouldBe(
        [
            AdmissionStage.SourcePool, AdmissionStage.Mentored, AdmissionStage.ClassPassed, AdmissionStage.Applied,
            AdmissionStage.HistoryVerified, AdmissionStage.Introduced, AdmissionStage.OpinionsCollected,
            AdmissionStage.CellApproved, AdmissionStage.SubCommitteeApproved, AdmissionStage.Decided, AdmissionStage.Probation,
        ]);
        // The vote below 2/3 leaves the case waiting: opinions collected 20/5 until the approving vote on 1/7.
        c.Visits[6].ShouldBe(new StageVisit(AdmissionStage.OpinionsCollected, D("2025-05-20"), D("2025-07-01"), AdmissionStage.CellApproved));
        c.Visits[0].Left.ShouldBe(D("2025-01-01"));
        c.Stage.ShouldBe(AdmissionStage.Probation);
        c.AdmittedOn.ShouldBe(D("2025-08-20"));
    }

    [Fact]
    public void A_case_without_steps_has_not_started_and_is_not_admitted()
    {
        var c = new CaseBuilder(2, 10).Build();

        c.Stage.ShouldBe(AdmissionStage.NotStarted);
        c.Visits.ShouldBeEmpty();
        c.AdmittedOn.ShouldBeNull();
    }
}
