namespace PhatTrienDangVien.Core.Planning;

/// <summary>Small statistics shared by the planning figures.</summary>
public static class Stats
{
    /// <summary>Days in an average year, used for "years left" and inflow rates.</summary>
    public const double DaysPerYear = 365.25;

    /// <summary>
    /// Percentile by the nearest-rank method on sorted values: the smallest value with at least
    /// <paramref name="fraction"/> of the values at or below it (P50 of 1,2,3,4 is 2; P90 of 1..10 is 9).
    /// Always one of the values, so counts stay whole numbers.
    /// </summary>
    public static int NearestRank(IReadOnlyList<int> sorted, double fraction)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var rank = (int)Math.Ceiling((fraction * sorted.Count) - 1e-9);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Median of sorted values: the middle one, or the mean of the two middle ones.</summary>
    public static double Median(IReadOnlyList<int> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /// <summary><paramref name="part"/> as a percentage of <paramref name="total"/>, one decimal; 0 when the total is 0.</summary>
    public static double Percent(int part, int total) => total <= 0 ? 0 : Math.Round(100.0 * part / total, 1, MidpointRounding.AwayFromZero);
}

/// <summary>Mean and 10th, 50th and 90th percentiles (nearest rank) of simulated counts.</summary>
public sealed record Distribution(double Mean, int P10, int P50, int P90)
{
    /// <summary>Summary of <paramref name="values"/> (sorted in place).</summary>
    public static Distribution Of(int[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Array.Sort(values);
        long sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        return new Distribution(
            Math.Round((double)sum / values.Length, 2),
            Stats.NearestRank(values, 0.10),
            Stats.NearestRank(values, 0.50),
            Stats.NearestRank(values, 0.90));
    }
}
