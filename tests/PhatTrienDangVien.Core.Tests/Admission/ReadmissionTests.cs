using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;

namespace PhatTrienDangVien.Core.Tests.Admission;

/// <summary>Re-admission (Quy định 294-QĐ/TW point 3.5): 36 months after leaving, the province's consent, once, never for the barred ways.</summary>
public class ReadmissionTests
{
    private static readonly DateOnly s_left = D("2023-05-15");

    private static CaseDriver ReadyToVote(PriorExit prior, RuleBook? rules = null) =>
        new CaseDriver(D("1990-02-01"), D("2026-12-01"), rules, prior).ToOpinions(D("2026-05-01"));

    [Theory]
    [InlineData("2026-05-14", false)] // 35 months and 29 days
    [InlineData("2026-05-15", true)] // exactly 36 months
    [InlineData("2026-06-20", true)]
    public void The_cell_votes_on_a_readmission_only_from_36_months_after_the_person_left(string vote, bool allowed)
    {
        var driver = ReadyToVote(new PriorExit(s_left, "xóa tên", false, 1));
        if (allowed)
        {
            driver.CellVote(D(vote), readmissionConsent: "512-CV/TU").Outcome.ShouldBe(VoteOutcome.Approved);
            var details = driver.Case.Steps[^1].ReadDetails<CellVoteDetails>()!;
            details.ReadmissionConsentDocument.ShouldBe("512-CV/TU");
            details.LeftPartyOn.ShouldBe(s_left);
        }
        else
        {
            var error = Should.Throw<DomainException>(() => driver.CellVote(D(vote), readmissionConsent: "512-CV/TU"));
            error.Rule.ShouldBe(RuleParameterKeys.ReadmissionWaitMonths);
            error.Message.ShouldContain("chỉ xét kết nạp lại từ ngày 15/05/2026");
            error.Message.ShouldContain("Quy định 294-QĐ/TW");
            driver.Case.CurrentStage.ShouldBe(AdmissionStage.OpinionsCollected);
        }
    }

    [Fact]
    public void The_waiting_period_is_a_parameter_of_the_rule_book()
    {
        var shorter = RuleBook.Defaults.With(new RuleParameter
        {
            Key = RuleParameterKeys.ReadmissionWaitMonths, Value = 24, Unit = "tháng", Name = "Thử", Citation = "Thử", EffectiveFrom = D("2026-01-01"),
        });
        ReadyToVote(new PriorExit(D("2024-05-01"), "xóa tên", false, 1), shorter)
            .CellVote(D("2026-05-15"), readmissionConsent: "1-CV/TU").Outcome.ShouldBe(VoteOutcome.Approved);
        Should.Throw<DomainException>(() => ReadyToVote(new PriorExit(D("2024-05-01"), "xóa tên", false, 1)).CellVote(D("2026-05-15"), readmissionConsent: "1-CV/TU"))
            .Rule.ShouldBe(RuleParameterKeys.ReadmissionWaitMonths);
    }

    [Fact]
    public void A_readmission_needs_the_provincial_standing_boards_consent()
    {
        var error = Should.Throw<DomainException>(() => ReadyToVote(new PriorExit(s_left, "xóa tên", false, 1)).CellVote(D("2026-06-01")));
        error.Rule.ShouldBe(ProcedureRules.ReadmissionConsent.Key);
    }

    [Theory]
    [InlineData(true, 1)] // left in one of the ways of point 3.5.2
    [InlineData(false, 2)] // re-admitted once already and left again
    public void Barred_ways_of_leaving_and_a_second_readmission_are_refused_whatever_the_wait(bool barred, int timesLeft)
    {
        var error = Should.Throw<DomainException>(() =>
            ReadyToVote(new PriorExit(D("2015-01-01"), "xóa tên", barred, timesLeft)).CellVote(D("2026-06-01"), readmissionConsent: "1-CV/TU"));
        error.Rule.ShouldBe(ProcedureRules.ReadmissionBarred.Key);
    }

    [Fact]
    public void A_past_exit_without_a_date_asks_for_the_date_before_the_vote()
    {
        var error = Should.Throw<DomainException>(() => ReadyToVote(new PriorExit(null, "đã xóa tên", false, 1)).CellVote(D("2026-06-01"), readmissionConsent: "1-CV/TU"));
        error.Message.ShouldContain("chưa rõ ngày ra khỏi Đảng");
    }

    [Fact]
    public void Someone_who_never_left_needs_no_consent()
    {
        var driver = new CaseDriver(D("1990-02-01"), D("2026-12-01")).ToOpinions(D("2026-05-01"));
        driver.CellVote(D("2026-06-01")).Outcome.ShouldBe(VoteOutcome.Approved);
        driver.Case.Steps[^1].ReadDetails<CellVoteDetails>()!.ReadmissionConsentDocument.ShouldBeNull();
    }
}
