using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class ForecastTests
{
    private static readonly DateOnly s_asOf = D("2026-01-01");
    private const double Month = 30.4375;

    private static Dictionary<AdmissionStage, int> Days(int days, int decided) =>
        Forecast.Stages.ToDictionary(s => s, s => s == AdmissionStage.Decided ? decided : days);

    private static Dictionary<AdmissionStage, double> Conversion(double pool) =>
        Forecast.Stages.ToDictionary(s => s, s => s == AdmissionStage.SourcePool ? pool : 1.0);

    // n cases decided on the forecast date 01/01/2026 (waiting for the ceremony): nobody has waited in that stage yet,
    // so its rates are the defaults'. The simulation starts on 02/01/2026 with 1 day waited.
    private static List<CaseHistory> Decided(int n) => Enumerable.Range(1, n)
        .Select(i => new CaseBuilder(i, 1 + (i % 2)).Through("2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05",
            "2025-06-06", "2025-06-07", "2025-06-08", "2026-01-01").Build()).ToList();

    [Fact]
    public void With_known_rates_the_mean_is_the_exponential_chance_of_moving_on_in_time()
    {
        // Decided → ceremony: 3 imaginary stays of 30 days, all moving on: 1/30 a day in every band. 100 cases, 30 days
        // from 02/01/2026 to 31/01/2026: each is admitted with chance 1 − e^−1 = 0.6321, mean 63.21.
        var options = new ForecastOptions { Runs = 4000, ParameterUncertainty = false, IncludeNewCandidates = false, DefaultConversion = Conversion(1) };
        var term = new PlanTerm(D("2025-07-01"), D("2026-01-31"), 200);

        var f = Forecast.Run(new ForecastInput(Decided(100), term, s_asOf, Options: options));

        f.OpenCases.ShouldBe(100);
        f.Additional.Mean.ShouldBe(100 * (1 - Math.Exp(-1)), 0.4);
        f.ProbabilityOfReachingTarget.ShouldBe(0);
        f.ProbabilityText.ShouldBe("0%");
    }

    [Fact]
    public void Drawing_the_rates_from_their_posterior_widens_the_range_as_the_gamma_mixture_says()
    {
        // Each run draws the band's rate from a gamma with 6 prior months at (30.4375 / 30) a month: shape 6.0875,
        // rate 6 months = 182.625 days. The chance to move on within 30 days is then 1 − (1 + 30/182.625)^−6.0875.
        var options = new ForecastOptions { Runs = 4000, IncludeNewCandidates = false, DefaultConversion = Conversion(1) };
        var term = new PlanTerm(D("2025-07-01"), D("2026-01-31"), 200);
        var expected = 100 * (1 - Math.Pow(1 + (30 / 182.625), -6 * Month / 30));

        var f = Forecast.Run(new ForecastInput(Decided(100), term, s_asOf, Options: options));
        var fixedRates = Forecast.Run(new ForecastInput(Decided(100), term, s_asOf, Options: options with { ParameterUncertainty = false }));

        f.Additional.Mean.ShouldBe(expected, 0.6);
        (f.Additional.P90 - f.Additional.P10).ShouldBeGreaterThan(fixedRates.Additional.P90 - fixedRates.Additional.P10);
    }

    [Fact]
    public void A_ceremony_after_the_term_end_does_not_count_and_years_split_at_the_new_year()
    {
        // From 02/01/2026 to 31/12/2026 every case is admitted (P(not in 364 days) = e^−12 per case); to 31/01 not all.
        var options = new ForecastOptions { Runs = 500, ParameterUncertainty = false, IncludeNewCandidates = false, DefaultConversion = Conversion(1) };
        var year = Forecast.Run(new ForecastInput(Decided(10), new PlanTerm(D("2025-07-01"), D("2027-06-30"), 10), s_asOf, Options: options));

        year.Years.Select(y => (y.Year, y.From, y.To)).ShouldBe([(2026, s_asOf, D("2026-12-31")), (2027, D("2027-01-01"), D("2027-06-30"))]);
        year.Years[0].Admissions.P10.ShouldBe(10);
        year.Years[1].Admissions.P90.ShouldBe(0);
        year.Cells.Select(c => (c.CellId, c.OpenCases, c.Admissions.P50)).ShouldBe([(1, 5, 5), (2, 5, 5)]);
        year.ProbabilityText.ShouldBe("100%");
    }

    [Theory]
    [InlineData(2000, 2000, "100%")]
    [InlineData(1999, 2000, "> 99%")]
    [InlineData(1990, 2000, "> 99%")] // 99.5% rounds to 100 but not every run reached it
    [InlineData(1989, 2000, "99%")]
    [InlineData(1000, 2000, "50%")]
    [InlineData(11, 2000, "1%")]
    [InlineData(9, 2000, "< 1%")]
    [InlineData(1, 2000, "< 1%")]
    [InlineData(0, 2000, "0%")]
    public void Certainty_is_shown_only_when_every_run_or_no_run_reaches_the_target(int reached, int runs, string shown)
    {
        Forecast.ShowProbability(reached, runs).ShouldBe(shown);
    }

    [Fact]
    public void Candidates_needed_are_counted_with_the_share_of_entrants_admitted_by_the_term_end()
    {
        // Nobody in the pipeline; every stage 1 day on average and everybody moves on: an entrant on 01/12/2026 is
        // admitted by 31/12/2026 except with a negligible chance (9 stages of 1 day within 31 days). Gap 10 → 10 people,
        // by the last monthly date, 01/12/2026.
        var options = new ForecastOptions
        {
            Runs = 2000, ParameterUncertainty = false, PriorStays = 3,
            DefaultDays = Days(1, 1), DefaultConversion = Conversion(1),
        };
        var term = new PlanTerm(D("2025-07-01"), D("2026-12-31"), 10);

        var f = Forecast.Run(new ForecastInput([], term, s_asOf, Options: options));

        f.Need.ShouldBe(new CandidateNeed(10, 1, f.Need.MedianPipelineDays, 10, D("2026-12-01"), TooLate: false, 10));
        f.Need.MedianPipelineDays.ShouldBeInRange(7, 10); // a sum of 9 exponentials of mean 1 day: median about 8.7

        // Decision → ceremony 45 days on average, the 8 other stages about 8 days (a gamma of 8 days of mean 1):
        // P(admitted within L days) = 1 − e^(−L/45) × (1 − 1/45)^−8 = 1 − 1.1957 e^(−L/45). Today (L = 365) ≈ 0.9996;
        // on 01/11/2026 (61 days left) 0.692, less than three quarters of today's; on 01/10/2026 (92 days) 0.845.
        // So 01/10/2026, and ceil(10 / 0.845) = 12 people (13 with the sampling error of 1,000 probes).
        var slow = Forecast.Run(new ForecastInput([], term, s_asOf, Options: options with { DefaultDays = Days(1, 45) }));

        slow.Need.NeededBy.ShouldBe(D("2026-10-01"));
        slow.Need.ExtraCandidates.ShouldNotBeNull().ShouldBeInRange(12, 13);
        slow.Need.ExtraIfNow.ShouldNotBeNull().ShouldBeInRange(10, 11); // ceil(10 / 0.9996)
        slow.MethodDescription.ShouldContain("chậm nhất trước ngày 01/10/2026");
    }

    [Fact]
    public void When_nobody_gets_through_no_number_of_new_candidates_helps()
    {
        var options = new ForecastOptions { Runs = 200, DefaultConversion = Conversion(0) };
        var f = Forecast.Run(new ForecastInput([], new PlanTerm(D("2025-07-01"), D("2026-12-31"), 10), s_asOf, Options: options));

        f.Need.Gap.ShouldBe(10);
        f.Need.ExtraCandidates.ShouldBeNull();
        f.Need.TooLate.ShouldBeTrue();
        f.MethodDescription.ShouldContain("cần đẩy nhanh các hồ sơ đang có");
    }

    [Fact]
    public void The_same_seed_gives_the_same_forecast_and_another_seed_may_not()
    {
        var cases = Synthetic.Generate(7, s_asOf);
        var term = new PlanTerm(D("2025-07-01"), D("2027-06-30"), 40);
        var a = Forecast.Run(new ForecastInput(cases, term, s_asOf, Options: new() { Seed = 1, Runs = 500 }));
        var b = Forecast.Run(new ForecastInput(cases, term, s_asOf, Options: new() { Seed = 1, Runs = 500 }));
        var c = Forecast.Run(new ForecastInput(cases, term, s_asOf, Options: new() { Seed = 2, Runs = 500 }));

        b.Additional.ShouldBe(a.Additional);
        b.Years.ShouldBe(a.Years);
        b.MethodDescription.ShouldBe(a.MethodDescription);
        c.Years.Select(y => y.Admissions.Mean).ShouldNotBe(a.Years.Select(y => y.Admissions.Mean));
    }

    [Fact]
    public void New_entrants_come_at_the_pace_of_the_last_12_months()
    {
        // 24 people entered the pool in the 12 months to 01/01/2026 (and no one moved on): 24 a year.
        var cases = Enumerable.Range(1, 24).Select(i => new CaseBuilder(i, 1).Through(s_asOf.AddDays(-15 * i)).Build()).ToList();
        var f = Forecast.Run(new ForecastInput(cases, new PlanTerm(D("2025-07-01"), D("2027-06-30"), 40), s_asOf, Options: new() { Runs = 100 }));

        f.NewCandidatesPerYear.ShouldBe(24 / 365.0 * 365.25, 0.05);
        f.MethodDescription.ShouldContain("khoảng 24 người một năm");
    }
}
