using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

public class ForecastTests
{
    private static readonly DateOnly s_asOf = D("2026-01-01");

    // Defaults only (no stage has int.MaxValue observations), fixed durations, one conversion for every stage.
    // Default days: pool 30, mentored 90, class 30, applied 60, history 30, introduced 15, opinions 30,
    // cell approved → decision 85, decided → ceremony 30; 400 in all.
    private static ForecastOptions Fixed(double conversion, int runs = 200) => new()
    {
        Runs = runs,
        MinObservations = int.MaxValue,
        DefaultSpread = 0,
        DefaultConversion = Forecast.Stages.ToDictionary(s => s, _ => conversion),
    };

    // On 01/01/2026, with conversion 1 and fixed durations:
    //   1 (cell 10) entered the pool today → ceremony 01/01/2026 + 400 = 05/02/2027.
    //   2 (cell 10) opinions collected 22/12/2025, waited 10 of 30 days → vote 21/01, decision +85 = 16/04, ceremony +30 = 16/05/2026.
    //   3 (cell 11) decided 01/10/2025, waited 92 days, longer than the 30 ever seen → restarts today: ceremony 31/01/2026.
    //   4 (cell 12) cell approved 20/11/2025, sub-committee 01/12/2025: one stay from 20/11 → decision 20/11 + 85 = 13/02,
    //     ceremony 15/03/2026 (were the sub-committee vote a new stay, it would be 26/03).
    //   5 withdrew in 2025; 6 was admitted on 01/12/2025, inside the term that began 01/07/2025.
    // 2026: 3 ceremonies (2, 3, 4); 2027: 1 (case 1). Term total 1 + 4 = 5.
    private static CaseHistory[] Pipeline() =>
    [
        new CaseBuilder(1, 10).Through("2026-01-01").Build(),
        new CaseBuilder(2, 10).Through("2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06", "2025-12-22").Build(),
        new CaseBuilder(3, 11).Through("2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06", "2025-06-07", "2025-09-01", "2025-10-01").Build(),
        new CaseBuilder(4, 12).Through("2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06", "2025-11-01", "2025-11-20")
            .Step(AdmissionStepKind.SubCommitteeVote, "2025-12-01").Build(),
        new CaseBuilder(5, 10).Step(AdmissionStepKind.SourcePool, "2025-01-01").Step(AdmissionStepKind.Withdrawal, "2025-02-01").Build(),
        new CaseBuilder(6, 10).Through("2024-06-01", "2024-06-02", "2024-06-03", "2024-06-04", "2024-06-05", "2024-06-06", "2024-06-07", "2024-09-01", "2024-10-01", "2025-12-01").Build(),
    ];

    private static readonly PlanTerm s_term = new(D("2025-07-01"), D("2027-12-31"), 6);

    [Fact]
    public void With_certain_conversion_and_fixed_durations_every_open_case_is_admitted_on_its_known_date()
    {
        var f = Forecast.Run(new ForecastInput(Pipeline(), s_term, s_asOf, Options: Fixed(1.0)));

        f.OpenCases.ShouldBe(4);
        f.AdmittedSoFar.ShouldBe(1);
        f.Additional.ShouldBe(new Distribution(4, 4, 4, 4));
        f.TermTotal.ShouldBe(new Distribution(5, 5, 5, 5));
        f.Years.ShouldBe(
        [
            new YearForecast(2026, D("2026-01-01"), D("2026-12-31"), new Distribution(3, 3, 3, 3)),
            new YearForecast(2027, D("2027-01-01"), D("2027-12-31"), new Distribution(1, 1, 1, 1)),
        ]);
        f.Cells.Select(c => (c.CellId, c.OpenCases, c.Admissions.P50, c.Years[0].Admissions.P50, c.Years[1].Admissions.P50))
            .ShouldBe([(10, 2, 2, 1, 1), (11, 1, 1, 1, 0), (12, 1, 1, 1, 0)]);
        f.ProbabilityOfReachingTarget.ShouldBe(0);
    }

    [Theory]
    [InlineData("2027-02-04", 3)]
    [InlineData("2027-02-05", 4)]
    public void A_ceremony_counts_only_on_or_before_the_last_day_of_the_term(string end, int expected)
    {
        var f = Forecast.Run(new ForecastInput(Pipeline(), s_term with { End = D(end) }, s_asOf, Options: Fixed(1.0)));

        f.Additional.P50.ShouldBe(expected);
        f.Additional.Mean.ShouldBe(expected);
    }

    [Theory]
    [InlineData(1, "2027-02-05")]
    [InlineData(2, "2026-05-16")]
    [InlineData(3, "2026-01-31")]
    [InlineData(4, "2026-03-15")]
    public void Each_open_case_is_admitted_exactly_on_its_hand_computed_date(int candidateId, string date)
    {
        var cases = Pipeline().Where(c => c.CandidateId == candidateId).ToArray();
        var day = D(date);

        Run(day.AddDays(-1)).ShouldBe(0);
        Run(day).ShouldBe(1);

        double Run(DateOnly end) =>
            Forecast.Run(new ForecastInput(cases, s_term with { End = end }, s_asOf, Options: Fixed(1.0, runs: 20))).Additional.Mean;
    }

    [Fact]
    public void With_zero_conversion_nobody_is_admitted_and_no_number_of_new_candidates_helps()
    {
        var f = Forecast.Run(new ForecastInput(Pipeline(), s_term, s_asOf, Options: Fixed(0.0)));

        f.Additional.ShouldBe(new Distribution(0, 0, 0, 0));
        f.ProbabilityOfReachingTarget.ShouldBe(0);
        f.Need.Gap.ShouldBe(5);
        f.Need.ConversionFromPool.ShouldBe(0);
        f.Need.ExtraCandidates.ShouldBeNull();
        f.MethodDescription.ShouldContain("không người mới nào đi hết quy trình");
    }

    [Fact]
    public void No_extra_candidates_are_needed_when_the_forecast_exceeds_the_target()
    {
        var f = Forecast.Run(new ForecastInput(Pipeline(), s_term with { Target = 3 }, s_asOf, Options: Fixed(1.0)));

        f.ProbabilityOfReachingTarget.ShouldBe(1);
        f.Need.Gap.ShouldBe(0);
        f.Need.ExtraCandidates.ShouldBe(0);
        f.MethodDescription.ShouldContain("chưa cần bổ sung");
    }

    [Fact]
    public void Extra_candidates_cover_the_gap_and_are_needed_by_term_end_less_the_pipeline_time()
    {
        // Target 10, forecast 5: gap 5; every entrant gets through in 400 days → 5 more, by 31/12/2027 − 400 = 26/11/2026.
        var f = Forecast.Run(new ForecastInput(Pipeline(), s_term with { Target = 10 }, s_asOf, Options: Fixed(1.0)));

        f.Need.ShouldBe(new CandidateNeed(5, 1.0, 400, 5, D("2026-11-26"), TooLate: false));

        // Half the entrants drop at each of the 9 stages: about 1 in 512 gets through, so many more are needed.
        var half = Forecast.Run(new ForecastInput(Pipeline(), s_term with { Target = 10 }, s_asOf, Options: Fixed(0.5, runs: 20000)));
        half.Need.Gap.ShouldBeGreaterThan(5);
        half.Need.ExtraCandidates.ShouldNotBeNull().ShouldBeGreaterThan(1000);
    }

    [Fact]
    public void New_candidates_needed_after_the_deadline_are_flagged_too_late()
    {
        // Term ends 30/06/2026: 400 days of pipeline would have needed entrants by 26/05/2025.
        var f = Forecast.Run(new ForecastInput(Pipeline(), s_term with { End = D("2026-06-30"), Target = 10 }, s_asOf, Options: Fixed(1.0)));

        f.Need.NeededBy.ShouldBe(D("2025-05-26"));
        f.Need.TooLate.ShouldBeTrue();
        f.MethodDescription.ShouldContain("Mốc này đã qua");
    }

    [Fact]
    public void The_same_seed_gives_the_same_forecast_and_another_seed_may_not()
    {
        var cases = Synthetic.Generate(7, s_asOf, out _).Pipeline;
        var a = Forecast.Run(new ForecastInput(cases, s_term, s_asOf, Options: new() { Seed = 1, Runs = 500 }));
        var b = Forecast.Run(new ForecastInput(cases, s_term, s_asOf, Options: new() { Seed = 1, Runs = 500 }));
        var c = Forecast.Run(new ForecastInput(cases, s_term, s_asOf, Options: new() { Seed = 2, Runs = 500 }));

        b.Additional.ShouldBe(a.Additional);
        b.Years.ShouldBe(a.Years);
        b.MethodDescription.ShouldBe(a.MethodDescription);
        c.Additional.Mean.ShouldNotBe(a.Additional.Mean);
    }

    [Fact]
    public void Observed_history_replaces_the_defaults_once_there_is_enough_of_it()
    {
        var cases = Synthetic.Generate(3, s_asOf, out _).Pipeline;
        var f = Forecast.Run(new ForecastInput(cases, s_term, s_asOf, Options: new() { Runs = 100 }));

        var pool = f.Assumptions[0];
        pool.ConversionIsDefault.ShouldBeFalse();
        pool.DurationIsDefault.ShouldBeFalse();
        pool.Conversion.ShouldBe(Synthetic.TrueConversion[0], 0.1);
        pool.MedianDays.ShouldBeLessThan(Forecast.DefaultStageDays[AdmissionStage.SourcePool]);
        f.MethodDescription.ShouldContain($"từ {pool.ConversionObservations} trường hợp");
    }
}
