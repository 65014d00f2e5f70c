using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Inspections;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Admission.CaseDriver;
using T = PhatTrienDangVien.Core.Admission.AdmissionStepKind;

namespace PhatTrienDangVien.Core.Tests.Inspections;

/// <summary>The inspection checklist finds each kind of breach in a hand-made case, and none in a clean one.</summary>
public class CaseChecklistTests
{
    private static readonly DateOnly s_birth = D("1995-03-10");

    /// <summary>A clean case recorded through the guarded engine: pool 1/3/2025 to recognition in 2026.</summary>
    private static List<StepRecord> Clean()
    {
        var driver = new Admission.CaseDriver(s_birth, D("2026-12-01")).ToProbation(D("2025-03-01"));
        driver.NewMemberClass(D("2025-09-01"));
        driver.RecognitionVote(D("2026-03-30"), 9, 0);
        return [.. driver.Case.Steps];
    }

    private static IReadOnlyList<Breach> Run(List<StepRecord> steps, DateOnly? birth = null) => CaseChecklist.Run(42, birth ?? s_birth, steps, RuleBook.Defaults);

    private static StepRecord Of(List<StepRecord> steps, T kind) => steps.Last(s => s.Kind == kind);

    [Fact]
    public void A_case_recorded_through_the_rules_has_no_breach()
    {
        Run(Clean()).ShouldBeEmpty();
    }

    [Fact]
    public void A_certificate_past_its_validity_on_the_vote_is_found()
    {
        var steps = Clean();
        var cls = Of(steps, T.AwarenessClass);
        cls.Details = StepDetailsJson.Write(new ClassDetails { CertificateNumber = "7/CN", CertificateDate = D("2020-01-01") });
        var breach = Run(steps).ShouldHaveSingleItem();
        breach.Check.ShouldBe(CheckKind.CertificateValidAtVote);
        breach.Message.ShouldContain("đã hết giá trị (60 tháng)");
    }

    [Fact]
    public void An_applicant_under_18_on_the_vote_counted_in_months_is_found()
    {
        // Born 11/3/2007: 17 years 11 months on the vote of 11/3/2025.
        var breach = Run(Clean(), D("2007-03-12")).Where(b => b.Check == CheckKind.AgeAtVote).ShouldHaveSingleItem();
        breach.Message.ShouldContain("17 tuổi 11 tháng");
    }

    [Fact]
    public void Introducers_too_few_or_too_new_are_found()
    {
        var steps = Clean();
        Of(steps, T.Introduction).Details = StepDetailsJson.Write(new IntroductionDetails
        {
            Path = IntroductionPath.TwoMembers, Introducers = [new IntroducerDetails { MemberId = 1, MonthsTogether = 8 }],
        });
        var found = Run(steps);
        found.Count.ShouldBe(2);
        found.ShouldAllBe(b => b.Check == CheckKind.Introducers);
        found.ShouldContain(b => b.Message.Contains("cần 2"));
        found.ShouldContain(b => b.Message.Contains("8 tháng"));
    }

    [Fact]
    public void An_approval_without_two_thirds_is_found()
    {
        var steps = Clean();
        Of(steps, T.CellVote).Details = StepDetailsJson.Write(new CellVoteDetails
        {
            For = 6, Against = 4, Present = 10, Members = 10, Denominator = 10, VotesNeeded = 7, ApplicantAgeMonths = 360, AwarenessCertificateDate = D("2025-03-01"),
        });
        var breach = Run(steps).ShouldHaveSingleItem();
        breach.Check.ShouldBe(CheckKind.TwoThirds);
        breach.Message.ShouldContain("6/10 tán thành");
    }

    [Fact]
    public void Skipped_and_out_of_order_steps_are_found()
    {
        var steps = Clean();
        steps.Remove(Of(steps, T.Opinions));
        Of(steps, T.Decision).Date = Of(steps, T.CellVote).Date.AddDays(-1);
        var found = Run(steps).Where(b => b.Check == CheckKind.StepOrder).ToList();
        found.Count.ShouldBe(2);
        found.ShouldContain(b => b.Message.Contains("không có bước"));
        found.ShouldContain(b => b.Message.Contains("trước bước"));
    }

    [Fact]
    public void An_incomplete_verification_at_the_vote_is_found()
    {
        var steps = Clean();
        Of(steps, T.PersonalHistory).Details = StepDetailsJson.Write(new VerificationDetails
        {
            People = [new RelativeVerification { Relationship = "Cha", FullName = "Nguyễn Văn Bình", Result = VerificationResult.Pending }],
        });
        Run(steps).ShouldHaveSingleItem().Check.ShouldBe(CheckKind.VerificationBeforeVote);
    }

    [Fact]
    public void Recognition_without_the_new_member_class_is_found()
    {
        var steps = Clean();
        steps.Remove(Of(steps, T.NewMemberClass));
        Run(steps).ShouldHaveSingleItem().Check.ShouldBe(CheckKind.NewMemberClass);
    }

    [Fact]
    public void A_step_recorded_after_its_deadline_is_found()
    {
        var steps = Clean();
        var decision = Of(steps, T.Decision);
        decision.IsLate = true;
        decision.DueDate = decision.Date.AddDays(-3);
        var breach = Run(steps).ShouldHaveSingleItem();
        breach.Check.ShouldBe(CheckKind.Deadline);
        breach.Message.ShouldContain($"hạn {decision.DueDate:dd/MM/yyyy}");
    }

    [Fact]
    public void Every_check_has_a_vietnamese_name()
    {
        foreach (var k in Enum.GetValues<CheckKind>()) CaseChecklist.Name(k).ShouldNotContain("không hợp lệ");
    }
}
