using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class PaceTests
{
    // Term 2025–2030 = 01/07/2025 … 30/06/2030: 1,826 days (one 29 February, 2028).
    // Today 01/07/2026: day 366 of the term, day 182 of 2026 (181 days to the end of June + 1).
    //   term expected  = floor(130 × 366 / 1826) = floor(26.06) = 26
    //   year expected  = floor(26 × 182 / 365)   = floor(12.96) = 12
    //   days left      = 1825 − 365 = 1460; years left = 1460 / 365.25 = 3.997 → 4.0
    //   needed / year  = (130 − 20) / 3.997 = 27.52 → 27.5
    [Fact]
    public void Pace_one_year_into_the_term_matches_the_hand_computation()
    {
        var pace = Pace.Compute(130, 2025, 2030, admittedSoFarInTerm: 20, yearTarget: 26, admittedThisYear: 10, D("2026-07-01"));

        pace.Term.ShouldBe(new PlanTerm(D("2025-07-01"), D("2030-06-30"), 130));
        pace.TermRemaining.ShouldBe(110);
        pace.TermExpectedByToday.ShouldBe(26);
        pace.YearExpectedByToday.ShouldBe(12);
        pace.YearRemaining.ShouldBe(16);
        pace.YearsLeft.ShouldBe(4.0);
        pace.NeededPerYear.ShouldBe(27.5);
        pace.OnTrackThisYear.ShouldBeFalse();
        pace.OnTrackTerm.ShouldBeFalse();
    }

    [Fact]
    public void Pace_is_on_track_when_admissions_reach_the_pro_rata_share()
    {
        var pace = Pace.Compute(130, 2025, 2030, admittedSoFarInTerm: 26, yearTarget: 26, admittedThisYear: 12, D("2026-07-01"));

        pace.OnTrackThisYear.ShouldBeTrue();
        pace.OnTrackTerm.ShouldBeTrue();
    }

    [Fact]
    public void After_the_term_nothing_is_left_per_year_and_surplus_is_not_negative()
    {
        var pace = Pace.Compute(130, 2025, 2030, admittedSoFarInTerm: 140, yearTarget: 26, admittedThisYear: 30, D("2030-07-01"));

        pace.YearsLeft.ShouldBe(0);
        pace.NeededPerYear.ShouldBeNull();
        pace.TermRemaining.ShouldBe(0);
        pace.YearRemaining.ShouldBe(0);
        pace.TermExpectedByToday.ShouldBe(130);
    }

    [Fact]
    public void A_term_given_by_its_years_runs_from_July_to_June_and_lasts_five_years()
    {
        var term = PlanTerm.FromYears(2025, 2030, 130);

        term.Years.ShouldBe(1826 / 365.25, 1e-9);
        (term.Target / Math.Round(term.Years)).ShouldBe(26);
    }
}
