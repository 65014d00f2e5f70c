using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Evaluations;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Evaluations;

public class QualityRatingTests
{
    private static readonly RatingScale s_scale = RatingScale.Default;

    [Theory]
    [InlineData(100, true, RatingLevel.Excellent)]
    [InlineData(90, true, RatingLevel.Excellent)]
    [InlineData(90, false, RatingLevel.Good)] // the score alone does not make "excellent"
    [InlineData(89.99, true, RatingLevel.Good)]
    [InlineData(70, true, RatingLevel.Good)]
    [InlineData(69.5, true, RatingLevel.Complete)]
    [InlineData(50, true, RatingLevel.Complete)]
    [InlineData(49.99, true, RatingLevel.NotComplete)]
    [InlineData(0, true, RatingLevel.NotComplete)]
    public void The_level_follows_the_score_bands_and_the_conditions_of_excellent(decimal score, bool conditions, RatingLevel level)
    {
        var outcome = QualityRatings.Decide(score, conditions, s_scale);
        outcome.Level.ShouldBe(level);
        outcome.FromScore.ShouldBe(level);
        outcome.Overridden.ShouldBeFalse();
    }

    [Fact]
    public void An_override_needs_its_reason_and_keeps_the_level_the_score_gave()
    {
        Should.Throw<DomainException>(() => QualityRatings.Decide(75, true, s_scale, RatingLevel.Complete, "  ")).Message.ShouldContain("phải ghi rõ lý do");
        var outcome = QualityRatings.Decide(75, true, s_scale, RatingLevel.Complete, "Có đảng viên bị kỷ luật trong năm");
        outcome.Level.ShouldBe(RatingLevel.Complete);
        outcome.FromScore.ShouldBe(RatingLevel.Good);
        outcome.Overridden.ShouldBeTrue();
        outcome.Explanation.ShouldContain("Có đảng viên bị kỷ luật trong năm");
        // The same level as the score: no override, no reason needed.
        QualityRatings.Decide(75, true, s_scale, RatingLevel.Good).Overridden.ShouldBeFalse();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void A_score_off_the_scale_is_refused(decimal score) =>
        Should.Throw<DomainException>(() => QualityRatings.Decide(score, true, s_scale)).Message.ShouldContain("từ 0 đến 100");

    [Fact]
    public void Bands_are_parameters_and_must_climb()
    {
        var local = s_scale with { ExcellentMin = 95, GoodMin = 75 };
        QualityRatings.Decide(92, true, local).Level.ShouldBe(RatingLevel.Good);
        QualityRatings.Decide(72, true, local).Level.ShouldBe(RatingLevel.Complete);
        Should.Throw<DomainException>(() => (s_scale with { GoodMin = 95 }).Validate());
        Should.NotThrow(() => s_scale.Validate());
    }

    [Fact]
    public void Excellent_is_capped_at_a_fifth_of_good_for_organisations_and_for_members_only_when_the_commune_says_so()
    {
        // 11 good: at most 2 excellent (20% of 11 = 2.2, rounded down).
        var levels = Enumerable.Repeat(RatingLevel.Good, 11).Concat(Enumerable.Repeat(RatingLevel.Excellent, 3)).ToList();
        QualityRatings.ExcellentCap(11, s_scale, members: false).ShouldBe(2);
        QualityRatings.CapBreach(levels, s_scale, members: false)!.ShouldContain("tối đa 2");
        QualityRatings.CapBreach(levels.Skip(1), s_scale, members: false)!.ShouldContain("tối đa 2"); // 10 good: cap 2, 3 excellent
        QualityRatings.CapBreach(levels.Take(12), s_scale, members: false).ShouldBeNull(); // 11 good, 1 excellent
        QualityRatings.CapBreach(levels, s_scale, members: true).ShouldBeNull();
        QualityRatings.CapBreach(levels, s_scale with { CapAppliesToMembers = true }, members: true).ShouldNotBeNull();
    }

    [Fact]
    public void The_summary_counts_every_level_in_report_order()
    {
        var summary = QualityRatings.Summary([RatingLevel.Good, RatingLevel.Good, RatingLevel.NotComplete]);
        summary.Select(s => s.Level).ShouldBe([RatingLevel.Excellent, RatingLevel.Good, RatingLevel.Complete, RatingLevel.NotComplete]);
        summary.Select(s => s.Count).ShouldBe([0, 2, 0, 1]);
    }

    [Fact]
    public void Development_criteria_on_hand_checked_data()
    {
        // Target 4, admitted 3 → 3/4 of 5 = 3.75; pool 10, 6 trained → 0.6 × 2 = 1.2; 8 open cases, 2 overdue → 0.75 × 2 = 1.5;
        // 1 of 10 without a mentor → 0.9 × 1 = 0.9. Total 7.35 of 10.
        var scores = DevelopmentScore.Compute(new DevelopmentFacts(Target: 4, Admitted: 3, Pool: 10, Trained: 6, OpenCases: 8, Overdue: 2, WithoutMentor: 1), new DevelopmentWeights());
        scores.Select(s => s.Points).ShouldBe([3.75m, 1.2m, 1.5m, 0.9m]);
        DevelopmentScore.Total(scores).ShouldBe(7.35m);
        scores[0].Measure.ShouldBe("3/4");

        // More than the target counts as the target; nothing to do counts as done; the weights are the commune's.
        var small = DevelopmentScore.Compute(new DevelopmentFacts(2, 3, 0, 0, 0, 0, 0), new DevelopmentWeights(TargetReached: 10, CandidatesTrained: 0, NoOverdueSteps: 4, EveryoneMentored: 0));
        small.Select(s => s.Points).ShouldBe([10m, 0m, 4m, 0m]);
        DevelopmentScore.Total(DevelopmentScore.Compute(new DevelopmentFacts(0, 0, 5, 0, 5, 5, 5), new DevelopmentWeights())).ShouldBe(5m);
    }
}
