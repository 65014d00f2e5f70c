using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;

namespace PhatTrienDangVien.Core.Tests.Planning;

/// <summary>
/// The forecast as it was before the hazards, kept here only as the calibration's wrong model: a stage's conversion is
/// moved on ÷ (moved on + withdrew) among the stays that ended (people still waiting count for nothing), its
/// durations are those of the stays that moved on; an open case draws among the durations longer than its wait
/// (or restarts the stage when it has waited longer than all of them), then moves on with the conversion.
/// </summary>
internal static class OldConversionModel
{
    /// <summary>The old model fitted as of <c>asOf − 12 months</c>, its 10th/90th percentiles for the 12 months to
    /// <paramref name="asOf"/> (with new entrants at the pace of the 12 months before), and the actual ceremonies.</summary>
    public static (int P10, int P90, int Actual) Backtest(IReadOnlyList<CaseHistory> cases, DateOnly asOf, int seed, int runs)
    {
        var cutoff = asOf.AddMonths(-12);
        var n = Forecast.Stages.Count;
        var durations = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        int[] advanced = new int[n], dropped = new int[n];
        var open = new List<(int Stage, int Waited)>();
        var entrants = 0;
        foreach (var c in cases)
        {
            foreach (var v in c.Visits.Where(v => v.Entered <= cutoff))
            {
                var s = Forecast.Stages.ToList().IndexOf(v.Stage);
                if (v.Stage == AdmissionStage.SourcePool && v.Entered > cutoff.AddMonths(-12))
                {
                    entrants++;
                }

                if (s < 0)
                {
                    continue;
                }

                if (v.Left is not { } left || left > cutoff)
                {
                    open.Add((s, cutoff.DayNumber - v.Entered.DayNumber));
                }
                else if (v.Next == AdmissionStage.Withdrawn)
                {
                    dropped[s]++;
                }
                else
                {
                    advanced[s]++;
                    durations[s].Add(left.DayNumber - v.Entered.DayNumber);
                }
            }
        }

        var conversion = Enumerable.Range(0, n).Select(s => advanced[s] + dropped[s] == 0 ? 0.9 : (double)advanced[s] / (advanced[s] + dropped[s])).ToArray();
        var model = durations.Select(d => d.Count == 0 ? new[] { 30 } : [.. d.Order()]).ToArray();
        var rate = entrants / 365.0;
        var rng = new Random(seed);
        var counts = new int[runs];
        var horizon = asOf.DayNumber - cutoff.DayNumber;
        for (var run = 0; run < runs; run++)
        {
            foreach (var (stage, waited) in open)
            {
                counts[run] += Simulate(stage, waited) is var t && t >= 0 && t <= horizon ? 1 : 0;
            }

            for (var t = -Math.Log(1 - rng.NextDouble()) / rate; t <= horizon; t += -Math.Log(1 - rng.NextDouble()) / rate)
            {
                var end = Simulate(0, 0);
                counts[run] += end >= 0 && t + end <= horizon ? 1 : 0;
            }
        }

        Array.Sort(counts);
        var actual = cases.Count(c => c.AdmittedOn is { } d && d > cutoff && d <= asOf);
        return (Stats.NearestRank(counts, 0.1), Stats.NearestRank(counts, 0.9), actual);

        // Days from the cut-off (or from entering) to the ceremony, −1 when the case drops out.
        int Simulate(int stage, int waited)
        {
            var day = -waited;
            for (var s = stage; s < n; s++)
            {
                var values = model[s];
                if (s == stage)
                {
                    var longer = values.Where(v => v > waited).ToArray();
                    day = longer.Length > 0 ? day + longer[rng.Next(longer.Length)] : values[rng.Next(values.Length)];
                }
                else
                {
                    day += values[rng.Next(values.Length)];
                }

                if (rng.NextDouble() >= conversion[s])
                {
                    return -1;
                }
            }

            return Math.Max(day, 0);
        }
    }
}
