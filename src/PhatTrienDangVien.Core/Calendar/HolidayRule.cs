namespace PhatTrienDangVien.Core.Calendar;

/// <summary>Which calendar a holiday rule's anchor date is expressed in.</summary>
public enum HolidayDateKind
{
    /// <summary>A fixed day of the solar (Gregorian) year, e.g. 2/9.</summary>
    SolarFixed,

    /// <summary>A fixed day of the lunar year (never in a leap month), e.g. 10/3 âm lịch.</summary>
    LunarFixed,
}

/// <summary>
/// One entry of the statutory holiday list: a named block of consecutive days around an anchor date,
/// valid for a range of years. The rule set is versioned by year so that a law change is a new entry
/// (with <see cref="FromYear"/>) rather than a code change.
/// </summary>
/// <param name="Name">Vietnamese name shown to users, e.g. "Giỗ Tổ Hùng Vương".</param>
/// <param name="DateKind">Whether <paramref name="Month"/>/<paramref name="Day"/> are solar or lunar.</param>
/// <param name="Month">Month of the anchor date (1–12).</param>
/// <param name="Day">Day of the anchor date.</param>
/// <param name="FromYear">First year the rule applies (inclusive), or null for "always".</param>
/// <param name="ToYear">Last year the rule applies (inclusive), or null for "still in force".</param>
/// <remarks>
/// For a lunar rule the "year" is the lunar year, whose days of months 1–10 fall in the solar year with
/// the same number — true of every statutory lunar holiday.
/// </remarks>
public sealed record HolidayRule(string Name, HolidayDateKind DateKind, int Month, int Day, int? FromYear = null, int? ToYear = null)
{
    /// <summary>Days off immediately before the anchor date that belong to the same holiday block.</summary>
    public int DaysBefore { get; init; }

    /// <summary>Days off immediately after the anchor date that belong to the same holiday block.</summary>
    public int DaysAfter { get; init; }

    /// <summary>
    /// False for a rule that is planned but not yet law. Such rules are kept out of
    /// <see cref="VietnamesePublicHolidays.LabourCode2019"/>; the flag documents the status for whoever
    /// opts in by passing the rule explicitly.
    /// </summary>
    public bool IsConfirmed { get; init; } = true;

    /// <summary>A one-day (or block) holiday on a fixed solar date.</summary>
    public static HolidayRule Solar(string name, int month, int day, int? fromYear = null, int? toYear = null) =>
        new(name, HolidayDateKind.SolarFixed, month, day, fromYear, toYear);

    /// <summary>A one-day (or block) holiday on a fixed lunar date.</summary>
    public static HolidayRule Lunar(string name, int month, int day, int? fromYear = null, int? toYear = null) =>
        new(name, HolidayDateKind.LunarFixed, month, day, fromYear, toYear);

    /// <summary>
    /// The Tết block: <paramref name="daysBefore"/> last day(s) of the old lunar year, then 1 tháng Giêng and
    /// the following <paramref name="daysAfter"/> days. The Labour Code's default is 1 + 1 + 3 = 5 days.
    /// </summary>
    public static HolidayRule LunarNewYear(string name, int daysBefore = 1, int daysAfter = 3, int? fromYear = null, int? toYear = null) =>
        new(name, HolidayDateKind.LunarFixed, 1, 1, fromYear, toYear) { DaysBefore = daysBefore, DaysAfter = daysAfter };

    /// <summary>True when the rule is in force in <paramref name="year"/>.</summary>
    public bool AppliesTo(int year) => (FromYear is null || year >= FromYear) && (ToYear is null || year <= ToYear);

    /// <summary>
    /// The consecutive days off this rule gives in <paramref name="year"/>, in date order; empty if the rule is
    /// not in force or its date does not exist that year.
    /// </summary>
    public IReadOnlyList<DateOnly> DatesIn(int year)
    {
        if (!AppliesTo(year))
        {
            return [];
        }

        DateOnly anchor;
        switch (DateKind)
        {
            // A date that does not exist that year (29/2, or 30th of a 29-day lunar month) gives no holiday rather than failing.
            case HolidayDateKind.SolarFixed when Day <= DateTime.DaysInMonth(year, Month):
                anchor = new DateOnly(year, Month, Day);
                break;
            case HolidayDateKind.LunarFixed when Day <= VietnameseLunarCalendar.DaysInMonth(year, Month):
                anchor = VietnameseLunarCalendar.ToSolar(year, Month, Day);
                break;
            case HolidayDateKind.SolarFixed or HolidayDateKind.LunarFixed:
                return [];
            default:
                throw new InvalidOperationException($"Unknown date kind {DateKind}.");
        }

        var dates = new List<DateOnly>(DaysBefore + 1 + DaysAfter);
        for (int offset = -DaysBefore; offset <= DaysAfter; offset++)
        {
            dates.Add(anchor.AddDays(offset));
        }

        return dates;
    }
}
