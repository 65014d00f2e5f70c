using PhatTrienDangVien.Core.Admission;

namespace PhatTrienDangVien.Core.Planning;

/// <summary>
/// One duration band of one stage: how fast people who have waited that long move on or leave.
/// </summary>
/// <param name="FromMonths">Start of the band, in months of waiting in the stage (0, 3, 6, 12, 24 by default).</param>
/// <param name="ToMonths">End of the band (exclusive); null for the last band, which has no end.</param>
/// <param name="ExposureMonths">Observed months spent in the band by everyone who reached it, waiting ones included.</param>
/// <param name="Advanced">Observed moves to the next stage during the band.</param>
/// <param name="Left">Observed withdrawals or removals during the band.</param>
/// <param name="AdvanceRate">Estimated moves on per month of waiting (observed plus prior, see <see cref="Hazards"/>).</param>
/// <param name="LeaveRate">Estimated leavings per month of waiting.</param>
/// <param name="PriorMonths">Months of the prior added to <paramref name="ExposureMonths"/> (the weight of the default).</param>
public sealed record BandHazard(
    int FromMonths,
    int? ToMonths,
    double ExposureMonths,
    int Advanced,
    int Left,
    double AdvanceRate,
    double LeaveRate,
    double PriorMonths)
{
    /// <summary>Chance that someone waiting in this band moves on within the next month (competing with leaving).</summary>
    public double AdvanceWithinMonth => Share(AdvanceRate);

    /// <summary>Chance that someone waiting in this band leaves within the next month.</summary>
    public double LeaveWithinMonth => Share(LeaveRate);

    /// <summary>The band rests mostly on the prior: fewer observed months than prior months.</summary>
    public bool MostlyPrior => ExposureMonths < PriorMonths;

    private double Share(double rate)
    {
        var total = AdvanceRate + LeaveRate;
        return total <= 0 ? 0 : rate / total * (1 - Math.Exp(-total));
    }
}

/// <summary>The hazards of one forecast stage (<see cref="Forecast.Stages"/>), by duration band.</summary>
/// <param name="Waiting">Cases in the stage on the estimation date (censored: still at risk, not counted as anything).</param>
public sealed record StageHazards(AdmissionStage Stage, string Name, int Waiting, IReadOnlyList<BandHazard> Bands);

/// <summary>
/// Competing-risks hazards of each stage, piecewise constant over bands of time already spent in the stage,
/// estimated from every stay up to a date with the stays still open counted as time at risk (censored).
/// </summary>
/// <remarks>
/// <para><b>Exposure and events.</b> A stay of d days (to the step that ended it, or to the date while it is open)
/// adds to each band the part of [0, d) that falls in it, in months of <see cref="DaysPerMonth"/> days; the step that
/// ended it (move on, or withdrawal/removal) is an event of the band that contains d. With rates constant within a
/// band this is the maximum-likelihood estimate of a piecewise-exponential competing-risks model: events ÷ months.
/// People still waiting count only as months without an event, so a long queue lowers the rate — the error of the
/// old "moved on ÷ (moved on + left)" was to ignore them.</para>
/// <para><b>Shrinkage (sparse data).</b> Two steps, each a gamma prior written as pseudo-observations:
/// (1) the stage as a whole: the observed events and months of all bands plus <see cref="ForecastOptions.PriorStays"/>
/// imaginary stays of the default length D (<see cref="ForecastOptions.DefaultDays"/>), i.e. PriorStays × D / 30.4375
/// months with PriorStays × c moves on and PriorStays × (1 − c) leavings, c = <see cref="ForecastOptions.DefaultConversion"/>;
/// (2) each band: its own events and months plus <see cref="ForecastOptions.BandPriorMonths"/> months at the rate
/// of the band before it (the first band: at the stage's rate from step 1). A band nobody has reached yet thus takes
/// the rate of the shorter waits, and an empty stage takes the defaults. Estimated rate = (events + prior events) ÷
/// (months + prior months), the mean of the gamma posterior; the forecast draws each run's rates from that posterior,
/// so the range carries the uncertainty of the estimate too.</para>
/// </remarks>
public static class Hazards
{
    /// <summary>A month as the model counts it: 365.25 / 12 days.</summary>
    public const double DaysPerMonth = 365.25 / 12;

    /// <summary>The first day of each band (0, then the band months in days, rounded).</summary>
    public static int[] BandStartDays(ForecastOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var months = options.DurationBandMonths;
        var days = new int[months.Count + 1];
        for (var i = 0; i < months.Count; i++)
        {
            days[i + 1] = (int)Math.Round(months[i] * DaysPerMonth, MidpointRounding.AwayFromZero);
            if (days[i + 1] <= days[i])
            {
                throw new ArgumentException("Duration bands must increase.", nameof(options));
            }
        }

        return days;
    }

    /// <summary>The hazards of every stage from the stays up to <paramref name="asOf"/> (later steps are ignored).</summary>
    public static IReadOnlyList<StageHazards> Estimate(IEnumerable<CaseHistory> cases, DateOnly asOf, ForecastOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cases);
        options ??= new ForecastOptions();
        var starts = BandStartDays(options);
        var stages = Forecast.Stages.Count;
        var bands = starts.Length;
        var exposureDays = new double[stages, bands];
        var advanced = new int[stages, bands];
        var left = new int[stages, bands];
        var waiting = new int[stages];
        foreach (var c in cases)
        {
            foreach (var stay in Stays.Of(c, Forecast.RowOf, asOf))
            {
                if (stay.Row >= stages)
                {
                    continue;
                }

                var d = stay.Days(asOf);
                if (stay.End == StayEnd.Open)
                {
                    waiting[stay.Row]++;
                }

                for (var b = 0; b < bands; b++)
                {
                    var end = b + 1 < bands ? starts[b + 1] : int.MaxValue;
                    exposureDays[stay.Row, b] += Math.Max(0, Math.Min(d, end) - starts[b]);
                }

                if (stay.End != StayEnd.Open)
                {
                    var b = BandOf(starts, d);
                    if (stay.End == StayEnd.Advanced)
                    {
                        advanced[stay.Row, b]++;
                    }
                    else
                    {
                        left[stay.Row, b]++;
                    }
                }
            }
        }

        var result = new StageHazards[stages];
        for (var s = 0; s < stages; s++)
        {
            var stage = Forecast.Stages[s];
            var days = options.DefaultDays[stage];
            var conversion = options.DefaultConversion[stage];
            double allMonths = 0, allAdvanced = 0, allLeft = 0;
            for (var b = 0; b < bands; b++)
            {
                allMonths += exposureDays[s, b] / DaysPerMonth;
                allAdvanced += advanced[s, b];
                allLeft += left[s, b];
            }

            var priorMonths = options.PriorStays * days / DaysPerMonth;
            var stageMonths = allMonths + priorMonths;
            var advanceRate = stageMonths <= 0 ? 0 : (allAdvanced + (options.PriorStays * conversion)) / stageMonths;
            var leaveRate = stageMonths <= 0 ? 0 : (allLeft + (options.PriorStays * (1 - conversion))) / stageMonths;

            var list = new BandHazard[bands];
            for (var b = 0; b < bands; b++)
            {
                var months = exposureDays[s, b] / DaysPerMonth;
                var q = options.BandPriorMonths;
                var total = months + q;
                var a = total <= 0 ? advanceRate : (advanced[s, b] + (q * advanceRate)) / total;
                var l = total <= 0 ? leaveRate : (left[s, b] + (q * leaveRate)) / total;
                list[b] = new BandHazard(
                    (int)Math.Round(starts[b] / DaysPerMonth), b + 1 < bands ? (int)Math.Round(starts[b + 1] / DaysPerMonth) : null,
                    months, advanced[s, b], left[s, b], a, l, q);
                advanceRate = a;
                leaveRate = l;
            }

            // The cell-approved stage also holds the sub-committee's vote: both wait for the decision.
            var name = stage == AdmissionStage.CellApproved ? "Chi bộ đã đề nghị kết nạp, chờ quyết định" : StepNames.Of(stage);
            result[s] = new StageHazards(stage, name, waiting[s], list);
        }

        return result;
    }

    internal static int BandOf(int[] starts, double days)
    {
        var b = starts.Length - 1;
        while (b > 0 && days < starts[b])
        {
            b--;
        }

        return b;
    }
}
