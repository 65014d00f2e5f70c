using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class ForecastBacktestTests
{
    private static readonly DateOnly s_asOf = D("2026-01-01");
    private static readonly DateOnly s_cutoff = D("2025-01-01");

    private static readonly ForecastOptions s_options = new()
    {
        Runs = 1000,
        ParameterUncertainty = false,
        IncludeNewCandidates = false,
        DefaultConversion = Forecast.Stages.ToDictionary(s => s, _ => 1.0),
    };

    private static readonly string[] s_toDecision =
        ["2024-06-01", "2024-06-02", "2024-06-03", "2024-06-04", "2024-06-05", "2024-06-06", "2024-06-07", "2024-06-08", "2024-12-01"];

    // 1: decided 01/12/2024, ceremony 01/01/2025 — on the cut-off day: history, not in the checked period.
    // 2: ceremony 01/03/2025; 3: ceremony 01/01/2026 (the last day of the period); 4: still waiting on 01/01/2026.
    // 5: entered the pool on 01/06/2025, after the cut-off, admitted 01/12/2025. 6: withdrew in 2024.
    private static List<CaseBuilder> Builders() =>
    [
        new CaseBuilder(1, 1).Through([.. s_toDecision, "2025-01-01"]),
        new CaseBuilder(2, 1).Through([.. s_toDecision, "2025-03-01"]),
        new CaseBuilder(3, 2).Through([.. s_toDecision, "2026-01-01"]),
        new CaseBuilder(4, 2).Through(s_toDecision),
        new CaseBuilder(5, 1).Through("2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06", "2025-06-07",
            "2025-06-08", "2025-11-01", "2025-12-01"),
        new CaseBuilder(6, 1).Step(AdmissionStepKind.SourcePool, "2024-03-01").Step(AdmissionStepKind.Withdrawal, "2024-05-01"),
    ];

    [Fact]
    public void The_model_fitted_a_year_ago_said_three_admissions_and_two_came()
    {
        // On 01/01/2025 cases 2, 3, 4 wait for the ceremony (31 days so far). What the model knew of that stage: 4 stays,
        // 124 days, 1 ceremony, plus the prior (3 stays of 30 days, all moving on): 4 ÷ (124 + 90) days = 0.569 a month
        // for the stage; band 0: (1 + 6 × 0.569) ÷ (124 / 30.4375 + 6) = 0.438 a month, and the longer bands the same.
        // P(no ceremony in the 365 days) = e^(−0.438 × 12) ≈ 0.005 per case: nearly every run gives 3.
        var b = ForecastBacktest.Run(Builders().Select(x => x.Build()).ToList(), s_asOf, 12, s_options);

        b.From.ShouldBe(s_cutoff);
        b.To.ShouldBe(s_asOf);
        b.OpenCases.ShouldBe(3);
        b.Forecast.P10.ShouldBe(3);
        b.Forecast.P90.ShouldBe(3);
        b.Actual.ShouldBe(2);                 // cases 2 and 3; case 1 was admitted on the cut-off day, case 5 was not there yet
        b.ActualFromOpenCases.ShouldBe(2);
        b.Inside.ShouldBeFalse();
    }

    [Fact]
    public void With_new_entrants_in_the_model_their_admissions_count_in_the_actual_too()
    {
        var b = ForecastBacktest.Run(Builders().Select(x => x.Build()).ToList(), s_asOf, 12, s_options with { IncludeNewCandidates = true });

        b.Actual.ShouldBe(3);
        b.ActualFromOpenCases.ShouldBe(2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Steps_after_the_cut_off_are_not_seen_by_the_forecast(bool newEntrants)
    {
        var options = s_options with { IncludeNewCandidates = newEntrants, ParameterUncertainty = true, Runs = 300 };
        var full = Builders().Select(x => x.Build()).ToList();
        var cut = Builders().Select((x, i) => new CaseHistory(i + 1, full[i].CellId, x.Steps.Where(s => s.Date <= s_cutoff))).ToList();

        var a = ForecastBacktest.Run(full, s_asOf, 12, options);
        var b = ForecastBacktest.Run(cut, s_asOf, 12, options);

        b.Forecast.ShouldBe(a.Forecast);
        b.OpenCases.ShouldBe(a.OpenCases);
        b.Actual.ShouldBe(0);
    }

    [Fact]
    public void A_range_that_holds_the_actual_count_says_so_and_an_empty_past_checks_nothing()
    {
        new BacktestResult(s_cutoff, s_asOf, 10, new Distribution(5, 3, 5, 8), 8, 6).Inside.ShouldBeTrue();
        new BacktestResult(s_cutoff, s_asOf, 10, new Distribution(5, 3, 5, 8), 3, 3).Inside.ShouldBeTrue();
        new BacktestResult(s_cutoff, s_asOf, 10, new Distribution(5, 3, 5, 8), 9, 6).Inside.ShouldBeFalse();
        new BacktestResult(s_cutoff, s_asOf, 0, new Distribution(0, 0, 0, 0), 0, 0).Checkable.ShouldBeFalse();
        new BacktestResult(s_cutoff, s_asOf, 0, new Distribution(0, 0, 0, 0), 1, 0).Checkable.ShouldBeTrue();
        new BacktestResult(s_cutoff, s_asOf, 1, new Distribution(0, 0, 0, 0), 0, 0).Checkable.ShouldBeTrue();
    }
}
