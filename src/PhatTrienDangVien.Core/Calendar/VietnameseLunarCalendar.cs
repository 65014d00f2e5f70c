namespace PhatTrienDangVien.Core.Calendar;

/// <summary>
/// The Vietnamese lunar calendar (âm lịch), computed astronomically for Vietnam's time zone, UTC+7.
/// </summary>
/// <remarks>
/// Deliberately not <see cref="System.Globalization.ChineseLunisolarCalendar"/>: that follows Beijing time
/// (UTC+8), and when a new moon falls between 23:00 and 24:00 Vietnam time the two calendars start a
/// month on different days, which occasionally moves Tết (1968, 1985, 2007 …).
/// The rules are those popularised by Hồ Ngọc Đức's published algorithm; the astronomy (new moons and the
/// Sun's longitude) is implemented from Meeus. Every year is computed with UTC+7, as the official
/// calendar has been since 1968; older historical calendars (UTC+8 before 1968, and in the South until 1975)
/// may differ by a day for some months.
/// Supported: solar dates <see cref="MinSupportedDate"/>–<see cref="MaxSupportedDate"/> and lunar years
/// <see cref="MinLunarYear"/>–<see cref="MaxLunarYear"/>. Results are cached; all members are thread-safe.
/// </remarks>
public static class VietnameseLunarCalendar
{
    /// <summary>Vietnam's civil time zone offset from UTC, in hours.</summary>
    public const double TimeZoneHours = 7.0;

    /// <summary>First lunar year accepted by <see cref="ToSolar"/>.</summary>
    public const int MinLunarYear = 1900;

    /// <summary>Last lunar year accepted by <see cref="ToSolar"/>.</summary>
    public const int MaxLunarYear = 2199;

    private static readonly LunisolarTables s_tables = new(TimeZoneHours);

    private static readonly string[] s_stems = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"];

    private static readonly string[] s_branches = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"];

    /// <summary>First solar date accepted by <see cref="FromSolar"/>.</summary>
    public static DateOnly MinSupportedDate { get; } = new(1900, 1, 1);

    /// <summary>Last solar date accepted by <see cref="FromSolar"/> (covers every day of lunar year 2199).</summary>
    public static DateOnly MaxSupportedDate { get; } = new(2200, 12, 31);

    /// <summary>Converts a solar (Gregorian) date to the lunar date in force in Vietnam.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is outside the supported range.</exception>
    public static LunarDate FromSolar(DateOnly date)
    {
        if (date < MinSupportedDate || date > MaxSupportedDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, $"Supported dates are {MinSupportedDate:yyyy-MM-dd} to {MaxSupportedDate:yyyy-MM-dd}.");
        }

        int jdn = LunarAstronomy.ToJulianDayNumber(date);
        int lunarYear = s_tables.LunarYearOf(jdn, date.Year);
        LunarMonthLayout month = s_tables.GetYear(lunarYear).Containing(jdn);
        return new LunarDate(lunarYear, month.Number, jdn - month.Start + 1, month.IsLeap);
    }

    /// <summary>Converts a lunar date to the solar (Gregorian) date.</summary>
    /// <param name="lunarYear">Lunar year, <see cref="MinLunarYear"/>–<see cref="MaxLunarYear"/>.</param>
    /// <param name="lunarMonth">1–12.</param>
    /// <param name="lunarDay">1–29, or 1–30 in a 30-day month.</param>
    /// <param name="isLeapMonth">True for the leap month; the year must have a leap month with that number.</param>
    /// <exception cref="ArgumentOutOfRangeException">The lunar date does not exist.</exception>
    public static DateOnly ToSolar(int lunarYear, int lunarMonth, int lunarDay, bool isLeapMonth = false)
    {
        LunarMonthLayout month = GetMonth(lunarYear, lunarMonth, isLeapMonth);
        if (lunarDay < 1 || lunarDay > month.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarDay), lunarDay, $"Lunar month {lunarMonth}{(isLeapMonth ? " (leap)" : string.Empty)} of {lunarYear} has {month.Length} days.");
        }

        return LunarAstronomy.FromJulianDayNumber(month.Start + lunarDay - 1);
    }

    /// <summary>Converts a lunar date to the solar (Gregorian) date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The lunar date does not exist.</exception>
    public static DateOnly ToSolar(LunarDate date) => ToSolar(date.Year, date.Month, date.Day, date.IsLeapMonth);

    /// <summary>Number of days (29 or 30) in a lunar month.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The month does not exist.</exception>
    public static int DaysInMonth(int lunarYear, int lunarMonth, bool isLeapMonth = false) =>
        GetMonth(lunarYear, lunarMonth, isLeapMonth).Length;

    /// <summary>The number of the leap month of a lunar year (e.g. 6 for 2025), or null if the year has none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the supported range.</exception>
    public static int? LeapMonthOf(int lunarYear)
    {
        CheckYear(lunarYear);
        foreach (LunarMonthLayout month in s_tables.GetYear(lunarYear).Months)
        {
            if (month.IsLeap)
            {
                return month.Number;
            }
        }

        return null;
    }

    /// <summary>The solar date of Tết Nguyên đán (1st day of the 1st lunar month) of a lunar year.</summary>
    public static DateOnly NewYear(int lunarYear) => ToSolar(lunarYear, 1, 1);

    /// <summary>The sexagenary (can chi) name of a lunar year in Vietnamese, e.g. "Giáp Thìn" for 2024.</summary>
    public static string CanChiOfYear(int lunarYear)
    {
        // Year 4 (and so 1984, 2044 …) is Giáp Tý, the start of the 60-year cycle.
        int stem = (((lunarYear - 4) % 10) + 10) % 10;
        int branch = (((lunarYear - 4) % 12) + 12) % 12;
        return $"{s_stems[stem]} {s_branches[branch]}";
    }

    /// <summary>
    /// Short Vietnamese description of a day's lunar date for the UI: "Âm lịch: 15/8 Ất Tỵ";
    /// a leap month reads "Âm lịch: 15/6 nhuận Ất Tỵ".
    /// </summary>
    public static string Describe(DateOnly date)
    {
        LunarDate lunar = FromSolar(date);
        return $"Âm lịch: {lunar.Day}/{lunar.Month}{(lunar.IsLeapMonth ? " nhuận" : string.Empty)} {lunar.YearCanChi}";
    }

    private static LunarMonthLayout GetMonth(int lunarYear, int lunarMonth, bool isLeapMonth)
    {
        CheckYear(lunarYear);
        if (lunarMonth is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarMonth), lunarMonth, "A lunar month is 1 to 12.");
        }

        return s_tables.GetYear(lunarYear).Find(lunarMonth, isLeapMonth)
            ?? throw new ArgumentOutOfRangeException(nameof(lunarMonth), lunarMonth, $"Lunar year {lunarYear} has no leap month {lunarMonth}.");
    }

    private static void CheckYear(int lunarYear)
    {
        if (lunarYear is < MinLunarYear or > MaxLunarYear)
        {
            throw new ArgumentOutOfRangeException(nameof(lunarYear), lunarYear, $"Supported lunar years are {MinLunarYear} to {MaxLunarYear}.");
        }
    }
}
