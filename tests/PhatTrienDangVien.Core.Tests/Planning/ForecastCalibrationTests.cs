using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Admission;
using Shouldly;
using Xunit;
using static PhatTrienDangVien.Core.Tests.Planning.CaseBuilder;

namespace PhatTrienDangVien.Core.Tests.Planning;

/// <summary>
/// Does the 10th–90th percentile range contain what really happens? 20 synthetic communes (truth seeds 1…20), each
/// cut at 01/01/2026 and forecast to 30/06/2027 from what was recorded up to the cut (forecast seeds 1001…1020).
/// </summary>
/// <remarks>
/// If the range were exactly right, each trial would be a hit with probability 0.8, and hits ~ Binomial(20, 0.8):
/// mean 16, P(hits ≤ 13) ≈ 0.09. The forecast's range leaves out the error of the estimated parameters (about 150
/// cases of history), which makes it somewhat too narrow; counts are whole numbers and the bounds inclusive, which
/// makes it somewhat wider. Requiring ≥ 14 of 20 accepts a well-calibrated forecast and rejects one whose range
/// misses badly; the seeds are fixed, so the outcome is deterministic. The control below shows the check can fail:
/// the same trials with a wrong model (conversion 0.5 at every stage) miss nearly always.
/// Measured when written: 16 of 20 for the pipeline, 16 of 20 with newcomers, 0 of 20 for the wrong model.
/// </remarks>
public class ForecastCalibrationTests
{
    private static readonly DateOnly s_cutoff = D("2026-01-01");
    private static readonly PlanTerm s_term = new(D("2025-07-01"), D("2027-06-30"), 40);

    private static (int Hits, List<string> Trials) Coverage(Func<int, ForecastOptions> options, bool inflow = false)
    {
        var hits = 0;
        var trials = new List<string>();
        for (var trial = 1; trial <= 20; trial++)
        {
            var data = Synthetic.Generate(trial, s_cutoff, out var newcomers);
            var truth = data.FutureCeremonies.Count(d => d <= s_term.End) + (inflow ? newcomers.Count(d => d <= s_term.End) : 0);
            var f = Forecast.Run(new ForecastInput(data.Pipeline, s_term, s_cutoff, Options: options(trial)));
            var hit = truth >= f.Additional.P10 && truth <= f.Additional.P90;
            hits += hit ? 1 : 0;
            trials.Add($"{trial}: truth {truth}, range {f.Additional.P10}–{f.Additional.P90} (median {f.Additional.P50}){(hit ? "" : " MISS")}");
        }

        return (hits, trials);
    }

    [Fact]
    public void The_truth_falls_inside_the_10th_to_90th_percentile_range_in_at_least_14_of_20_trials()
    {
        var (hits, trials) = Coverage(t => new ForecastOptions { Seed = 1000 + t, Runs = 1000 });

        hits.ShouldBeGreaterThanOrEqualTo(14, string.Join(Environment.NewLine, trials));
    }

    [Fact]
    public void With_new_candidates_at_the_recent_rate_the_truth_including_newcomers_is_covered_too()
    {
        var (hits, trials) = Coverage(t => new ForecastOptions { Seed = 1000 + t, Runs = 1000, IncludeNewCandidates = true }, inflow: true);

        hits.ShouldBeGreaterThanOrEqualTo(14, string.Join(Environment.NewLine, trials));
    }

    [Fact]
    public void A_wrong_model_fails_the_same_check()
    {
        var (hits, trials) = Coverage(t => new ForecastOptions
        {
            Seed = 1000 + t,
            Runs = 1000,
            MinObservations = int.MaxValue,
            DefaultConversion = Forecast.Stages.ToDictionary(s => s, _ => 0.5),
        });

        hits.ShouldBeLessThanOrEqualTo(5, string.Join(Environment.NewLine, trials));
    }
}
