using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Planning;

namespace PhatTrienDangVien.Core.Tests.Planning;

/// <summary>
/// Synthetic commune histories from a known process that behaves like a real commune and is not the forecast's own
/// model: people enter the pool at random (Poisson, <see cref="ArrivalsPerYear"/> a year, 6 years before the
/// check date to the check date); in each stage they move on or leave at constant monthly rates of their own
/// (<see cref="AdvancePerMonth"/>, <see cref="LeavePerMonth"/>); three in ten are "stallers" whose move-on rate in
/// the first three stages is a tenth of the others'. The mixture is what makes long waits less likely to end well
/// (the population's rate falls with the wait, smoothly, not by the forecast's bands): most of the pool does not
/// move on in a given year, some leave, the stallers wait for years.
/// </summary>
internal static class Synthetic
{
    public static readonly double[] AdvancePerMonth = [0.25, 0.3, 0.4, 0.5, 0.8, 1.5, 1.0, 0.5, 1.0];
    public static readonly double[] LeavePerMonth = [0.015, 0.01, 0.01, 0.01, 0.005, 0.002, 0.002, 0.002, 0.005];
    public const double StallerShare = 0.4;
    public const double StallerFactor = 0.05;
    public const int StalledStages = 4;
    public const double ArrivalsPerYear = 30;
    public const int YearsOfHistory = 6;

    /// <summary>Every case with its steps up to <paramref name="until"/> (later steps are not generated into the history).</summary>
    public static List<CaseHistory> Generate(int seed, DateOnly until, int cells = 5)
    {
        var rng = new Random(seed);
        var cases = new List<CaseHistory>();
        var stop = until.DayNumber;
        var t = (double)until.AddYears(-YearsOfHistory).DayNumber;
        var id = 0;
        while (true)
        {
            t += -Math.Log(1 - rng.NextDouble()) * 365.25 / ArrivalsPerYear;
            if (t > stop)
            {
                break;
            }

            id++;
            var builder = new CaseBuilder(id, 1 + rng.Next(cells)).Step(AdmissionStepKind.SourcePool, DateOnly.FromDayNumber((int)t));
            var staller = rng.NextDouble() < StallerShare;
            var day = t;
            for (var s = 0; s < AdvancePerMonth.Length; s++)
            {
                var advance = AdvancePerMonth[s] * (staller && s < StalledStages ? StallerFactor : 1) / Hazards.DaysPerMonth;
                var leave = LeavePerMonth[s] / Hazards.DaysPerMonth;
                day += -Math.Log(1 - rng.NextDouble()) / (advance + leave);
                if (day > stop + 1)
                {
                    break;
                }

                var date = DateOnly.FromDayNumber((int)day);
                if (rng.NextDouble() * (advance + leave) >= advance)
                {
                    builder.Step(AdmissionStepKind.Withdrawal, date);
                    break;
                }

                builder.Step(CaseBuilder.Path[s], date);
            }

            cases.Add(builder.Build());
        }

        return cases;
    }
}
