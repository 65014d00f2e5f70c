namespace PhatTrienDangVien.Core.Planning;

/// <summary>Admissions against the targets, for the dashboard's first line (plan point P2).</summary>
/// <param name="TermRemaining">Still to admit in the term (never negative).</param>
/// <param name="TermExpectedByToday">The term target pro rata to today's date, rounded down to whole members.</param>
/// <param name="YearExpectedByToday">This year's target pro rata to today's date (days of the year's window elapsed / its days), rounded down.</param>
/// <param name="YearsLeft">From tomorrow to the end of the term, in years of 365.25 days (fractional); 0 when the term is over.</param>
/// <param name="NeededPerYear">Admissions needed per remaining year to reach the term target (one decimal); null when the term is over.</param>
/// <param name="OnTrackThisYear">Admitted this year ≥ <paramref name="YearExpectedByToday"/>.</param>
/// <param name="OnTrackTerm">Admitted in the term ≥ <paramref name="TermExpectedByToday"/>.</param>
public sealed record PaceReport(
    PlanTerm Term,
    DateOnly Today,
    int AdmittedInTerm,
    int TermRemaining,
    int TermExpectedByToday,
    int YearTarget,
    int AdmittedThisYear,
    int YearRemaining,
    int YearExpectedByToday,
    double YearsLeft,
    double? NeededPerYear,
    bool OnTrackThisYear,
    bool OnTrackTerm);

/// <summary>
/// Pace against target. Admissions are counted by ceremony date (see <see cref="CaseHistory"/>); the counts are
/// inputs, because members admitted before the software was used have no recorded steps.
/// </summary>
public static class Pace
{
    /// <summary>The term given by its years (<see cref="PlanTerm.FromYears"/>: 1 July to 30 June).</summary>
    public static PaceReport Compute(int termTarget, int termStartYear, int termEndYear, int admittedSoFarInTerm,
        int yearTarget, int admittedThisYear, DateOnly today) =>
        Compute(PlanTerm.FromYears(termStartYear, termEndYear, termTarget), admittedSoFarInTerm, yearTarget, admittedThisYear, today);

    /// <param name="year">This year's window in the term (a partial first or last year counts only its days in the
    /// term); the whole calendar year when null.</param>
    public static PaceReport Compute(PlanTerm term, int admittedSoFarInTerm, int yearTarget, int admittedThisYear, DateOnly today,
        TermYear? year = null)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentOutOfRangeException.ThrowIfNegative(admittedSoFarInTerm);
        ArgumentOutOfRangeException.ThrowIfNegative(admittedThisYear);
        ArgumentOutOfRangeException.ThrowIfNegative(yearTarget);

        var termRemaining = Math.Max(0, term.Target - admittedSoFarInTerm);

        // Days of the term elapsed, today included; clamped to the term.
        var termDays = term.End.DayNumber - term.Start.DayNumber + 1;
        var elapsed = Math.Clamp(today.DayNumber - term.Start.DayNumber + 1, 0, termDays);
        var termExpected = (int)Math.Floor((double)term.Target * elapsed / termDays);

        var yearFirst = year?.First ?? new DateOnly(today.Year, 1, 1);
        var yearLast = year?.Last ?? new DateOnly(today.Year, 12, 31);
        var yearDays = yearLast.DayNumber - yearFirst.DayNumber + 1;
        var yearElapsed = Math.Clamp(today.DayNumber - yearFirst.DayNumber + 1, 0, yearDays);
        var yearExpected = (int)Math.Floor((double)yearTarget * yearElapsed / yearDays);

        var daysLeft = Math.Max(0, term.End.DayNumber - today.DayNumber);
        var yearsLeft = Math.Round(daysLeft / Stats.DaysPerYear, 2);
        double? needed = daysLeft > 0 ? Math.Round(termRemaining / (daysLeft / Stats.DaysPerYear), 1) : null;

        return new PaceReport(
            term, today, admittedSoFarInTerm, termRemaining, termExpected,
            yearTarget, admittedThisYear, Math.Max(0, yearTarget - admittedThisYear), yearExpected,
            yearsLeft, needed,
            OnTrackThisYear: admittedThisYear >= yearExpected,
            OnTrackTerm: admittedSoFarInTerm >= termExpected);
    }
}
