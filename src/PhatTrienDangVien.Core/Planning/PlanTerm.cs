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
        return new PlanTerm(Organisations.Term.DefaultStart(startYear), Organisations.Term.DefaultEnd(endYear), target);
    }

    /// <summary>The recorded term's window (its congress dates when set, else the default of <see cref="FromYears"/>).</summary>
    public static PlanTerm Of(Organisations.Term term, int target)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        return new PlanTerm(term.Start, term.End, target);
    }

    /// <summary>
    /// The calendar years the term touches, each with the part of it inside the term: the first and last are
    /// usually partial (a term from 01/07/2025 to 30/06/2030 has 2025 from July and 2030 to June).
    /// </summary>
    public IReadOnlyList<TermYear> CalendarYears() =>
        Enumerable.Range(Start.Year, End.Year - Start.Year + 1).Select(y =>
        {
            var first = new DateOnly(y, 1, 1) < Start ? Start : new DateOnly(y, 1, 1);
            var last = new DateOnly(y, 12, 31) > End ? End : new DateOnly(y, 12, 31);
            return new TermYear(y, first, last);
        }).ToList();

    /// <summary>Length of the term in years of 365.25 days.</summary>
    public double Years => (End.DayNumber - Start.DayNumber + 1) / Stats.DaysPerYear;
}

/// <summary>One calendar year of a term, cut to the term's window.</summary>
public sealed record TermYear(int Year, DateOnly First, DateOnly Last)
{
    public bool IsPartial => First != new DateOnly(Year, 1, 1) || Last != new DateOnly(Year, 12, 31);
    /// <summary>Share of the calendar year inside the term, for a target spread evenly over time.</summary>
    public double ShareOfYear => (Last.DayNumber - First.DayNumber + 1) / (double)(new DateOnly(Year, 12, 31).DayNumber - new DateOnly(Year, 1, 1).DayNumber + 1);
}
