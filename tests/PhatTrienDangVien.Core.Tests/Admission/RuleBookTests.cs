using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Common;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;
using Keys = PhatTrienDangVien.Core.Admission.RuleParameterKeys;

namespace PhatTrienDangVien.Core.Tests.Admission;

public class RuleBookTests
{
    private static readonly DateOnly s_changeDate = D("2027-01-01");

    private static RuleParameter Changed(string key, decimal value, DateOnly from) =>
        RuleBook.Defaults.At(from)[key] with { Value = value, EffectiveFrom = from, Citation = "Quy định giả định để kiểm thử" };

    [Theory]
    [InlineData(Keys.MinAgeMonths, 216, true)]
    [InlineData(Keys.MaxAgeMonths, 720, true)]
    [InlineData(Keys.CertificateValidityMonths, 60, true)]
    [InlineData(Keys.IntroducerMinMonthsTogether, 12, true)]
    [InlineData(Keys.YouthMaxAge, 30, true)]
    [InlineData(Keys.VoteNumerator, 2, true)]
    [InlineData(Keys.VoteDenominator, 3, true)]
    [InlineData(Keys.MinOfficialMembersToVote, 3, true)]
    [InlineData(Keys.DecidingBody, 1, false)]
    [InlineData(Keys.DecisionDeadlineWorkingDays, 60, false)]
    [InlineData(Keys.DecisionExtensionWorkingDays, 30, false)]
    [InlineData(Keys.CeremonyDeadlineWorkingDays, 30, false)]
    [InlineData(Keys.ProbationMonths, 12, true)]
    [InlineData(Keys.RecognitionReviewDeadlineWorkingDays, 30, false)]
    [InlineData(Keys.RecognitionDecisionDeadlineWorkingDays, 30, false)]
    [InlineData(Keys.RecognitionDecisionExtensionWorkingDays, 30, false)]
    [InlineData(Keys.MaxRecognitionVotes, 3, true)]
    public void Defaults_follow_domain_section_3_with_inferred_values_unconfirmed(string key, int value, bool confirmed)
    {
        RuleParameter parameter = RuleBook.Defaults.At(D("2025-07-01"))[key];

        parameter.Value.ShouldBe(value);
        parameter.IsConfirmed.ShouldBe(confirmed);
        parameter.Name.ShouldNotBeNullOrWhiteSpace();
        parameter.Unit.ShouldNotBeNullOrWhiteSpace();
        parameter.Citation.ShouldMatch("Điều lệ Đảng|294-QĐ/TW|06-HD/TW");
    }

    [Fact]
    public void Typed_accessors_read_the_parameters()
    {
        RuleSet rules = RuleBook.Defaults.At(D("2026-01-01"));

        (rules.MinAgeMonths, rules.MaxAgeMonths, rules.CertificateValidityMonths, rules.ProbationMonths).ShouldBe((216, 720, 60, 12));
        rules.DecidingBody.ShouldBe(DecidingBody.CommuneStandingBoard);
        rules.Snapshot().Keys.ShouldBe(Keys.All.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parameters_of_Regulation_294_apply_from_1_July_2025()
    {
        RuleBook.Defaults.At(D("2025-07-01"))[Keys.DecisionDeadlineWorkingDays].EffectiveFrom.ShouldBe(D("2025-07-01"));
        RuleBook.Defaults.At(D("2025-07-01"))[Keys.MaxAgeMonths].Citation.ShouldContain("294-QĐ/TW");
    }

    [Theory]
    [InlineData(3, 2)]
    [InlineData(7, 5)]
    [InlineData(14, 10)]
    [InlineData(15, 10)]
    [InlineData(22, 15)]
    [InlineData(9, 6)]
    public void Two_thirds_is_rounded_up_in_whole_votes(int denominator, int needed) =>
        RuleBook.Defaults.At(D("2026-01-01")).VotesNeeded(denominator).ShouldBe(needed);

    [Theory]
    [InlineData("2026-12-31", 60)]
    [InlineData("2027-01-01", 45)]
    [InlineData("2030-06-01", 45)]
    [InlineData("2020-01-01", 60)] // before the first version: the earliest one
    public void A_version_applies_from_its_date(string date, int expected)
    {
        RuleBook book = RuleBook.Defaults.With(Changed(Keys.DecisionDeadlineWorkingDays, 45, s_changeDate));

        book.At(D(date)).DecisionDeadlineWorkingDays.ShouldBe(expected);
        book.At(D(date)).CertificateValidityMonths.ShouldBe(60);
    }

    [Fact]
    public void A_guard_uses_the_rules_in_force_on_the_step_date_and_the_step_stores_them()
    {
        RuleBook book = RuleBook.Defaults.With(Changed(Keys.CertificateValidityMonths, 36, s_changeDate));
        // Certificate of 1/6/2023: 43 months old at the end of 2026, valid under 60 months, not under 36.
        var before = new CaseDriver(D("1998-01-10"), D("2027-01-31"), book).ToOpinions(D("2026-12-01"), D("2023-06-01"));
        var after = new CaseDriver(D("1998-01-10"), D("2027-01-31"), book).ToOpinions(D("2026-12-01"), D("2023-06-01"));

        StepRecord vote = before.CellVote(D("2026-12-31"));
        var error = Should.Throw<DomainException>(() => after.CellVote(D("2027-01-04")));

        RuleSet.ReadSnapshot(vote.RulesSnapshot)[Keys.CertificateValidityMonths].ShouldBe(60m);
        error.Rule.ShouldBe(Keys.CertificateValidityMonths);
        error.Citation.ShouldBe("Quy định giả định để kiểm thử");
    }

    [Fact]
    public void A_case_keeps_the_deadline_it_ran_under_when_the_rule_changes_later()
    {
        RuleBook changed = RuleBook.Defaults.With(Changed(Keys.DecisionDeadlineWorkingDays, 45, s_changeDate));
        var oldCase = new CaseDriver(D("1998-01-10"), D("2027-06-30"), changed).ToOpinions(D("2026-11-02"));
        var newCase = new CaseDriver(D("1998-01-10"), D("2027-06-30"), changed).ToOpinions(D("2026-11-02"));

        oldCase.CellVote(D("2026-12-01"));
        newCase.CellVote(D("2027-01-04"));

        Deadlines.For(oldCase.Case, changed, WorkingDays)[0].DueDate.ShouldBe(D("2027-03-03")); // 60 working days
        Deadlines.For(newCase.Case, changed, WorkingDays)[0].DueDate.ShouldBe(D("2027-03-15")); // 45 working days
        RuleSet.ReadSnapshot(newCase.Case.Steps[^1].RulesSnapshot)[Keys.DecisionDeadlineWorkingDays].ShouldBe(45m);
    }

    [Fact]
    public void A_retroactive_edit_of_the_book_does_not_move_a_recorded_cases_deadline()
    {
        var driver = new CaseDriver(D("1998-01-10"), D("2027-06-30")).ToOpinions(D("2026-11-02"));
        driver.CellVote(D("2026-12-01"));
        RuleBook edited = RuleBook.Defaults.With(Changed(Keys.DecisionDeadlineWorkingDays, 45, D("2025-07-01")));

        edited.At(D("2026-12-01")).DecisionDeadlineWorkingDays.ShouldBe(45);
        Deadlines.For(driver.Case, edited, WorkingDays)[0].DueDate.ShouldBe(D("2027-03-03"));
    }

    [Fact]
    public void A_step_recorded_without_a_key_in_its_snapshot_falls_back_to_the_book()
    {
        var driver = new CaseDriver(D("1998-01-10"), D("2027-06-30")).ToOpinions(D("2026-11-02"));
        driver.CellVote(D("2026-12-01")).RulesSnapshot = "{}";
        RuleBook book = RuleBook.Defaults.With(Changed(Keys.DecisionDeadlineWorkingDays, 45, D("2026-01-01")));

        Deadlines.For(driver.Case, book, WorkingDays)[0].DueDate.ShouldBe(D("2027-02-03")); // 45 working days, from the book
    }

    [Fact]
    public void A_book_must_hold_every_key_once_per_date_with_whole_values()
    {
        RuleParameter minAge = RuleBook.Defaults.At(D("2026-01-01"))[Keys.MinAgeMonths];

        Should.Throw<ArgumentException>(() => new RuleBook([minAge]));
        Should.Throw<ArgumentException>(() => new RuleBook([.. RuleBook.Defaults.Versions, minAge]));
        Should.Throw<ArgumentException>(() => RuleBook.Defaults.With(minAge with { Key = "Unknown", EffectiveFrom = s_changeDate }));
        Should.Throw<ArgumentException>(() => RuleBook.Defaults.With(minAge with { Value = 216.5m, EffectiveFrom = s_changeDate }));
    }
}
