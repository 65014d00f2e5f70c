namespace PhatTrienDangVien.Core.Planning;

/// <summary>A congress term (nhiệm kỳ) and its development target (chỉ tiêu), e.g. 2025–2030, 130 new members.</summary>
/// <param name="Start">First day of the term (inclusive).</param>
/// <param name="End">Last day of the term (inclusive): admissions after this day count for the next term.</param>
/// <param name="Target">New members to admit in the term.</param>
public sealed record PlanTerm(DateOnly Start, DateOnly End, int Target)
{
    /// <summary>
    /// The term "<paramref name="startYear"/>–<paramref name="endYear"/>" as the plan counts it: from 1 July of the
    /// start year to 30 June of the end year. Commune congresses are held around mid-year, and this is what makes
    /// "130 in 2025–2030, 26 a year" add up (5 years, not 6 calendar years). Pass exact congress dates to the
    /// constructor when they are known.
    /// </summary>
    public static PlanTerm FromYears(int startYear, int endYear, int target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(endYear, startYear);
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        return new PlanTerm(new DateOnly(startYear, 7, 1), new DateOnly(endYear, 6, 30), target);
    }

    /// <summary>Length of the term in years of 365.25 days.</summary>
    public double Years => (End.DayNumber - Start.DayNumber + 1) / Stats.DaysPerYear;
}
