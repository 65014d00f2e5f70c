using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class HazardsTests
{
    private static readonly DateOnly s_asOf = D("2026-01-01");
    private const double Month = 30.4375; // 365.25 / 12 days

    // Bands start at 0, 91, 183, 365 and 731 days (3, 6, 12, 24 months of 30.4375 days, rounded).
    // Pool stays as of 01/01/2026:
    //   1: 01/01/2025 → mentor 10/02/2025: 40 days, moved on in band 0 (then mentored since 10/02/2025: 325 days, open).
    //   2: 01/01/2025 → withdrew 11/05/2025: 130 days, left in band 1 (91 in band 0, 39 in band 1).
    //   3: since 01/12/2023, still waiting: 762 days (91, 92, 182, 366, 31).
    //   4: since 01/10/2025, still waiting: 92 days (91, 1).
    //   5: a step after the date (mentor 05/01/2026) is not seen: waiting since 01/11/2025, 61 days in band 0.
    // Pool months by band: (40 + 91 + 91 + 91 + 61) = 374 days; (39 + 92 + 1) = 132; 182; 366; 31.
    private static CaseHistory[] Cases() =>
    [
        new CaseBuilder(1, 10).Through("2025-01-01", "2025-02-10").Build(),
        new CaseBuilder(2, 10).Step(AdmissionStepKind.SourcePool, "2025-01-01").Step(AdmissionStepKind.Withdrawal, "2025-05-11").Build(),
        new CaseBuilder(3, 11).Through("2023-12-01").Build(),
        new CaseBuilder(4, 11).Through("2025-10-01").Build(),
        new CaseBuilder(5, 11).Through("2025-11-01", "2026-01-05").Build(),
    ];

    private static readonly ForecastOptions s_noPrior = new() { PriorStays = 0, BandPriorMonths = 0 };

    [Fact]
    public void Bands_start_at_3_6_12_and_24_months_in_days()
    {
        Hazards.BandStartDays(new ForecastOptions()).ShouldBe([0, 91, 183, 365, 731]);
    }

    [Fact]
    public void Waiting_people_are_months_at_risk_and_events_fall_in_the_band_of_their_duration()
    {
        var pool = Hazards.Estimate(Cases(), s_asOf, s_noPrior)[0];

        pool.Waiting.ShouldBe(3);
        pool.Bands.Select(b => b.ExposureMonths * Month).ShouldBe([374, 132, 182, 366, 31], tolerance: 1e-9);
        pool.Bands.Select(b => (b.Advanced, b.Left)).ShouldBe([(1, 0), (0, 1), (0, 0), (0, 0), (0, 0)]);
        // 1 move on in 374 days = 374 / 30.4375 = 12.287 months: 0.0814 a month; the chance within a month 1 − e^−0.0814.
        pool.Bands[0].AdvanceRate.ShouldBe(1 / (374 / Month), 1e-12);
        pool.Bands[0].AdvanceWithinMonth.ShouldBe(1 - Math.Exp(-Month / 374), 1e-12);
        pool.Bands[1].LeaveRate.ShouldBe(1 / (132 / Month), 1e-12);
        pool.Bands[2].AdvanceRate.ShouldBe(0);
        pool.Bands.Select(b => (b.FromMonths, b.ToMonths)).ShouldBe([(0, 3), (3, 6), (6, 12), (12, (int?)24), (24, null)]);

        // Mentored: case 1 waiting 325 days (91, 92, 142), nobody moved on yet.
        var mentored = Hazards.Estimate(Cases(), s_asOf, s_noPrior)[1];
        mentored.Waiting.ShouldBe(1);
        mentored.Bands.Select(b => b.ExposureMonths * Month).ShouldBe([91, 92, 142, 0, 0], tolerance: 1e-9);
        mentored.Bands[0].AdvanceWithinMonth.ShouldBe(0);
    }

    [Fact]
    public void Reading_only_the_stays_that_ended_overstates_the_rate()
    {
        // The old mistake, reading only the stays that ended (cases 1 and 2): 40 + 91 days in band 0 with one move on.
        var pool = Hazards.Estimate(Cases().Take(2), s_asOf, s_noPrior)[0];

        pool.Bands[0].AdvanceRate.ShouldBe(Month / 131, 1e-12);
        pool.Bands[0].AdvanceRate.ShouldBeGreaterThan(Hazards.Estimate(Cases(), s_asOf, s_noPrior)[0].Bands[0].AdvanceRate * 2.5);
    }

    [Fact]
    public void Sparse_data_is_shrunk_to_the_defaults_and_each_band_to_the_one_before()
    {
        var pool = Hazards.Estimate(Cases(), s_asOf, new ForecastOptions())[0];

        // Stage: 3 imaginary stays of 180 days (3 × 180 / 30.4375 = 17.741 months) with 3 × 0.75 moves on and 0.75
        // leavings, plus the observed 1085 days (35.647 months), 1 move on, 1 leaving.
        var stageMonths = (1085 / Month) + (3 * 180 / Month);
        var stageAdvance = (1 + 2.25) / stageMonths;   // 0.06087
        var stageLeave = (1 + 0.75) / stageMonths;     // 0.03278
        // Band 0: its 374 days (12.287 months) and 1 move on, plus 6 months at the stage's rates.
        var a0 = (1 + (6 * stageAdvance)) / ((374 / Month) + 6);
        var l0 = (0 + (6 * stageLeave)) / ((374 / Month) + 6);
        pool.Bands[0].AdvanceRate.ShouldBe(a0, 1e-12);
        pool.Bands[0].LeaveRate.ShouldBe(l0, 1e-12);
        // Band 1: 132 days and 1 leaving, plus 6 months at band 0's rates.
        var a1 = (0 + (6 * a0)) / ((132 / Month) + 6);
        var l1 = (1 + (6 * l0)) / ((132 / Month) + 6);
        pool.Bands[1].AdvanceRate.ShouldBe(a1, 1e-12);
        pool.Bands[1].LeaveRate.ShouldBe(l1, 1e-12);
        pool.Bands[0].PriorMonths.ShouldBe(6);

        // A stage nobody reached: the defaults in every band (decision → ceremony: 30 days, 99% move on).
        var decided = Hazards.Estimate(Cases(), s_asOf, new ForecastOptions())[8];
        decided.Bands.ShouldAllBe(b => Math.Abs(b.AdvanceRate - (0.99 * Month / 30)) < 1e-12 && b.MostlyPrior);
    }

    [Fact]
    public void Long_waits_make_moving_on_less_likely_when_the_data_says_so()
    {
        // 20 people entered the pool on 01/01/2023; 10 got a mentor after 1 month, the other 10 are still waiting (3 years).
        var cases = Enumerable.Range(1, 20).Select(i => i <= 10
            ? new CaseBuilder(i, 1).Through("2023-01-01", "2023-02-01").Build()
            : new CaseBuilder(i, 1).Through("2023-01-01").Build()).ToList();

        var pool = Hazards.Estimate(cases, s_asOf, new ForecastOptions())[0];

        pool.Bands[0].AdvanceWithinMonth.ShouldBeGreaterThan(0.15);
        pool.Bands[^1].AdvanceWithinMonth.ShouldBeLessThan(0.02);
        pool.Bands.Select(b => b.AdvanceRate).ShouldBeInOrder(SortDirection.Descending);
    }
}
