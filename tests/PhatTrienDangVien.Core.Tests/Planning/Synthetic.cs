using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;

namespace PhatTrienDangVien.Core.Tests.Planning;

/// <summary>
/// Synthetic commune histories from known parameters: people enter the pool at random (Poisson, <see cref="ArrivalsPerYear"/>),
/// spend a log-normal time in each stage (median-ish <see cref="TrueDays"/>, σ 0.6: unlike the forecast's defaults and
/// skewed like real waits) and move on with <see cref="TrueConversion"/>. The whole future is generated, then cut at
/// a date: the forecast sees only the steps up to it.
/// </summary>
internal static class Synthetic
{
    public static readonly int[] TrueDays = [20, 60, 25, 45, 20, 10, 25, 40, 20];
    public static readonly double[] TrueConversion = [0.80, 0.88, 0.92, 0.95, 0.97, 0.98, 0.98, 1.0, 0.99];
    public const double ArrivalsPerYear = 40;
    public const int YearsOfHistory = 4;

    public sealed record Data(List<CaseHistory> Pipeline, List<DateOnly> FutureCeremonies);

    /// <param name="cutoff">The forecast date: arrivals from 4 years before it up to it; steps after it are hidden.</param>
    /// <param name="futureArrivals">Ceremonies after the cut-off of people who enter the pool after it (for the inflow variant).</param>
    public static Data Generate(int seed, DateOnly cutoff, out List<DateOnly> futureArrivals, int yearsAfter = 3, int idOffset = 0)
    {
        var rng = new Random(seed);
        var pipeline = new List<CaseHistory>();
        var future = new List<DateOnly>();
        futureArrivals = [];
        var start = cutoff.AddYears(-YearsOfHistory).DayNumber;
        var stop = cutoff.AddYears(yearsAfter).DayNumber;
        var t = (double)start;
        var id = idOffset;
        while (true)
        {
            t += -Math.Log(1 - rng.NextDouble()) * 365.25 / ArrivalsPerYear;
            if (t > stop)
            {
                break;
            }

            id++;
            var entered = DateOnly.FromDayNumber((int)t);
            var cell = (idOffset / 1000) + 1 + rng.Next(5);
            var builder = new CaseBuilder(id, cell).Step(AdmissionStepKind.SourcePool, entered);
            var day = entered;
            DateOnly? ceremony = null;
            for (var s = 0; s < TrueDays.Length; s++)
            {
                day = day.AddDays(LogNormalDays(rng, TrueDays[s]));
                if (rng.NextDouble() >= TrueConversion[s])
                {
                    builder.Step(AdmissionStepKind.Withdrawal, day);
                    break;
                }

                builder.Step(CaseBuilder.Path[s], day);
                if (s == TrueDays.Length - 1)
                {
                    ceremony = day;
                }
            }

            if (entered > cutoff)
            {
                if (ceremony is { } c)
                {
                    futureArrivals.Add(c);
                }

                continue;
            }

            if (ceremony is { } when && when > cutoff)
            {
                future.Add(when);
            }

            pipeline.Add(new CaseHistory(id, cell, builder.Steps.Where(s => s.Date <= cutoff)));
        }

        return new Data(pipeline, future);
    }

    // Log-normal with the given median and σ = 0.6 (mean ≈ 1.2 × median), in whole days.
    private static int LogNormalDays(Random rng, int median)
    {
        var u1 = 1 - rng.NextDouble();
        var u2 = rng.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return (int)Math.Round(median * Math.Exp(0.6 * normal));
    }
}
