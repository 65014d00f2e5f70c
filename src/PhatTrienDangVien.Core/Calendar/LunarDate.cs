namespace PhatTrienDangVien.Core.Calendar;

/// <summary>A date in the Vietnamese lunar calendar (âm lịch).</summary>
/// <param name="Year">Lunar year; it begins on Tết, so 1–2 months after the solar year with the same number.</param>
/// <param name="Month">Month number 1–12. A leap month carries the number of the month it repeats.</param>
/// <param name="Day">Day of the month, 1–29 or 1–30.</param>
/// <param name="IsLeapMonth">True for the leap (nhuận) month, which follows the ordinary month with the same number.</param>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth)
{
    /// <summary>The year's sexagenary name in Vietnamese, e.g. "Ất Tỵ" for 2025.</summary>
    public string YearCanChi => VietnameseLunarCalendar.CanChiOfYear(Year);

    /// <summary>
    /// Day/month/year, e.g. "15/8/2025". A leap month is marked with an "n" (nhuận) after its number:
    /// "15/6n/2025" is the 15th day of leap month 6.
    /// </summary>
    public override string ToString() => $"{Day}/{Month}{(IsLeapMonth ? "n" : string.Empty)}/{Year}";
}
