using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;

namespace PhatTrienDangVien.Core.Tests.Admission;

public class CellVoteGuardTests
{
    private static readonly DateOnly s_vote = D("2026-05-15");
    private static readonly DateOnly s_today = D("2026-06-30");

    private static CaseDriver ReadyToVote(string birth, string? certificate = null, VerificationResult parents = VerificationResult.Verified) =>
        new CaseDriver(D(birth), s_today).ToOpinions(D("2026-05-01"), certificate is null ? null : D(certificate), parents);

    [Theory]
    [InlineData("2008-05-16", false)] // 17 years 11 months on the vote date
    [InlineData("2008-05-15", true)] // exactly 18 years 0 months
    [InlineData("1966-05-15", true)] // exactly 60 years 0 months
    [InlineData("1966-04-16", true)] // 60 years 0 months and 29 days: counted in months, still 60
    [InlineData("1966-04-15", false)] // 60 years 1 month
    public void Age_on_the_vote_date_must_be_from_full_18_to_full_60_counted_in_months(string birth, bool allowed)
    {
        CaseDriver driver = ReadyToVote(birth);

        if (allowed)
        {
            driver.CellVote(s_vote).Outcome.ShouldBe(VoteOutcome.Approved);
            driver.Case.CurrentStage.ShouldBe(AdmissionStage.CellApproved);
        }
        else
        {
            var error = Should.Throw<DomainException>(() => driver.CellVote(s_vote));
            error.Rule.ShouldBeOneOf(RuleParameterKeys.MinAgeMonths, RuleParameterKeys.MaxAgeMonths);
            error.Citation.ShouldNotBeNullOrWhiteSpace();
            error.Message.ShouldContain(error.Citation!);
        }
    }

    [Fact]
    public void Seventeen_years_eleven_months_is_refused_under_the_minimum_age_rule()
    {
        var error = Should.Throw<DomainException>(() => ReadyToVote("2008-05-16").CellVote(s_vote));

        error.Rule.ShouldBe(RuleParameterKeys.MinAgeMonths);
        error.Message.ShouldContain("17 tuổi 11 tháng");
        error.Message.ShouldContain("Điều lệ Đảng, Điều 4");
    }

    [Fact]
    public void Over_60_is_allowed_with_the_provincial_standing_boards_written_consent()
    {
        CaseDriver driver = ReadyToVote("1966-04-15");

        Should.Throw<DomainException>(() => driver.CellVote(s_vote)).Rule.ShouldBe(RuleParameterKeys.MaxAgeMonths);
        StepRecord step = driver.CellVote(s_vote, over60Consent: "  512-CV/TU  ");

        step.Outcome.ShouldBe(VoteOutcome.Approved);
        CellVoteDetails details = step.ReadDetails<CellVoteDetails>()!;
        details.Over60ConsentDocument.ShouldBe("512-CV/TU");
        details.ApplicantAgeMonths.ShouldBe(721);
    }

    [Theory]
    [InlineData("2021-06-15", true)] // 59 months before the vote
    [InlineData("2021-05-15", true)] // exactly 60 months: the last day of validity
    [InlineData("2021-05-14", false)] // 60 months and one day
    [InlineData("2021-04-15", false)] // 61 months
    public void Awareness_certificate_is_valid_for_60_months_up_to_and_including_the_anniversary(string certificate, bool allowed)
    {
        CaseDriver driver = ReadyToVote("1998-01-10", certificate);

        if (allowed)
        {
            driver.CellVote(s_vote).ReadDetails<CellVoteDetails>()!.AwarenessCertificateDate.ShouldBe(D(certificate));
        }
        else
        {
            Should.Throw<DomainException>(() => driver.CellVote(s_vote)).Rule.ShouldBe(RuleParameterKeys.CertificateValidityMonths);
        }
    }

    [Fact]
    public void An_expired_certificate_is_cured_by_retaking_the_class_before_the_vote()
    {
        CaseDriver driver = ReadyToVote("1998-01-10", "2021-04-15");
        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, s_vote)!.Kind.ShouldBe(AdmissionStepKind.AwarenessClass);

        driver.Case.RecordAwarenessClass(new ClassInput { Date = D("2026-05-12"), CertificateNumber = "20/CN", CertificateDate = D("2026-05-12") }, driver.Ctx);

        driver.Case.CurrentStage.ShouldBe(AdmissionStage.OpinionsCollected);
        driver.CellVote(s_vote).Outcome.ShouldBe(VoteOutcome.Approved);
    }

    [Theory]
    [InlineData(3, 0, 2)]
    [InlineData(7, 0, 5)]
    [InlineData(14, 0, 10)]
    [InlineData(15, 0, 10)]
    [InlineData(22, 0, 15)]
    [InlineData(16, 2, 10)] // two exempted members absent: denominator 14
    public void Approval_needs_two_thirds_of_the_denominator_rounded_up(int official, int excluded, int needed)
    {
        CaseDriver below = ReadyToVote("1998-01-10");
        var refused = Should.Throw<DomainException>(() => below.CellVote(s_vote, needed - 1, official, excluded));
        refused.Rule.ShouldBe(RuleParameterKeys.VoteNumerator);
        refused.Message.ShouldContain($"chưa đủ {needed}");
        below.Case.CurrentStage.ShouldBe(AdmissionStage.OpinionsCollected);
        below.Case.Steps.Count.ShouldBe(7, "the refused vote leaves the seven steps before it, and nothing more");

        CaseDriver atThreshold = ReadyToVote("1998-01-10");
        StepRecord passed = atThreshold.CellVote(s_vote, needed, official, excluded);
        passed.Outcome.ShouldBe(VoteOutcome.Approved);
        passed.ReadDetails<CellVoteDetails>()!.Denominator.ShouldBe(official - excluded);
        atThreshold.Case.CurrentStage.ShouldBe(AdmissionStage.CellApproved);
    }

    [Fact]
    public void A_cell_may_vote_again_after_a_vote_below_two_thirds()
    {
        CaseDriver driver = ReadyToVote("1998-01-10");
        Should.Throw<DomainException>(() => driver.CellVote(s_vote, forVotes: 6, officialMembers: 10));

        driver.Case.AllowedNext(driver.Rules, s_today).ShouldContain(AdmissionStepKind.CellVote);
        driver.CellVote(s_vote.AddDays(30), forVotes: 7, officialMembers: 10).Outcome.ShouldBe(VoteOutcome.Approved);
        driver.Case.CellResolutionDate.ShouldBe(s_vote.AddDays(30));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    public void A_cell_with_fewer_than_three_official_members_cannot_vote(int official, bool allowed)
    {
        CaseDriver driver = ReadyToVote("1998-01-10");

        if (allowed)
        {
            driver.CellVote(s_vote, official, official).Outcome.ShouldBe(VoteOutcome.Approved);
        }
        else
        {
            Should.Throw<DomainException>(() => driver.CellVote(s_vote, official, official))
                .Rule.ShouldBe(RuleParameterKeys.MinOfficialMembersToVote);
        }
    }

    [Theory]
    [InlineData(10, 0, 8, 3, 10)] // for + against > present
    [InlineData(10, 0, 8, 0, 11)] // present > official members
    [InlineData(10, 2, 8, 0, 9)] // present > denominator once absent exempted members are excluded
    [InlineData(10, 11, 8, 0, 8)] // more excluded than members
    [InlineData(10, 0, -1, 0, 8)]
    public void Vote_counts_must_fit_the_roster(int official, int excluded, int forVotes, int against, int present)
    {
        CaseDriver driver = ReadyToVote("1998-01-10");

        Should.Throw<DomainException>(() => driver.Case.RecordCellVote(
                new CellVoteInput { Date = s_vote, For = forVotes, Against = against, Present = present },
                new CellRoster(official, excluded, false), driver.Ctx))
            .Rule.ShouldBe(nameof(ProcedureRules.VoteCounts));
        driver.Case.Steps.Count.ShouldBe(7);
    }

    [Fact]
    public void Verification_results_must_be_complete_before_the_cell_votes()
    {
        CaseDriver driver = ReadyToVote("1998-01-10", parents: VerificationResult.Pending);
        Deadlines.NextAction(driver.Case, driver.Rules, WorkingDays, s_vote)!.Kind.ShouldBe(AdmissionStepKind.PersonalHistory);

        Should.Throw<DomainException>(() => driver.CellVote(s_vote)).Rule.ShouldBe(nameof(ProcedureRules.VerificationBeforeVote));

        driver.Case.RecordPersonalHistory(History(D("2026-05-10")), driver.Ctx);
        driver.Case.CurrentStage.ShouldBe(AdmissionStage.OpinionsCollected);
        driver.CellVote(s_vote).Outcome.ShouldBe(VoteOutcome.Approved);
    }
}
