using PhatTrienDangVien.Core.Targets;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Targets;

public class TargetSumsTests
{
    [Fact]
    public void A_term_2025_2030_has_five_yearly_targets_from_2025_to_2029() =>
        TargetSums.TermYears(2025, 2030).ShouldBe([2025, 2026, 2027, 2028, 2029]);

    [Fact]
    public void The_default_spread_of_130_over_2025_2030_is_26_a_year()
    {
        var spread = TargetSums.DefaultSpread(130, TargetSums.TermYears(2025, 2030));
        spread.Select(s => s.Count).ShouldBe([26, 26, 26, 26, 26]);
        spread.Sum(s => s.Count).ShouldBe(130);
        spread.Select(s => s.Year).ShouldBe([2025, 2026, 2027, 2028, 2029]);
    }

    [Theory]
    [InlineData(131, new[] { 26, 26, 26, 26, 27 })]
    [InlineData(133, new[] { 26, 26, 27, 27, 27 })]
    [InlineData(3, new[] { 0, 0, 1, 1, 1 })]
    [InlineData(0, new[] { 0, 0, 0, 0, 0 })]
    public void The_remainder_goes_one_each_to_the_last_years(int total, int[] expected)
    {
        var spread = TargetSums.DefaultSpread(total, [2025, 2026, 2027, 2028, 2029]);
        spread.Select(s => s.Count).ShouldBe(expected);
        spread.Sum(s => s.Count).ShouldBe(total);
    }

    [Fact]
    public void A_term_with_no_years_spreads_nothing() =>
        TargetSums.DefaultSpread(10, TargetSums.TermYears(2030, 2030)).ShouldBeEmpty();

    [Fact]
    public void Allocations_short_of_the_year_give_a_negative_difference_and_a_warning()
    {
        var check = TargetSums.Check(26, [10, 8, 5]);
        check.Matches.ShouldBeFalse();
        check.Difference.ShouldBe(-3);
        check.Warning("phân bổ", "chỉ tiêu năm").ShouldBe("Tổng phân bổ là 23, ít hơn chỉ tiêu năm (26) 3 đảng viên.");
    }

    [Fact]
    public void Allocations_over_the_year_give_a_positive_difference_and_a_warning()
    {
        var check = TargetSums.Check(26, [20, 8]);
        check.Difference.ShouldBe(2);
        check.Warning("phân bổ", "chỉ tiêu năm")!.ShouldContain("nhiều hơn chỉ tiêu năm (26) 2 đảng viên");
    }

    [Fact]
    public void Matching_sums_give_no_warning()
    {
        var check = TargetSums.Check(130, [26, 26, 26, 26, 26]);
        check.Matches.ShouldBeTrue();
        check.Warning("a", "b").ShouldBeNull();
    }

    [Theory]
    [InlineData("2026-01-01", null, "2026-06-01", null, true)]
    [InlineData("2026-01-01", "2026-05-31", "2026-06-01", null, false)]
    [InlineData("2026-01-01", "2026-06-01", "2026-06-01", null, true)]
    [InlineData("2026-06-01", null, "2026-01-01", "2026-05-31", false)]
    [InlineData("2026-06-01", "2026-05-31", "2026-06-01", null, false)]
    public void Periods_with_inclusive_ends_overlap_when_they_share_a_day(string from1, string? to1, string from2, string? to2, bool overlap) =>
        Periods.Overlap(DateOnly.Parse(from1), to1 is null ? null : DateOnly.Parse(to1), DateOnly.Parse(from2), to2 is null ? null : DateOnly.Parse(to2))
            .ShouldBe(overlap);
}
