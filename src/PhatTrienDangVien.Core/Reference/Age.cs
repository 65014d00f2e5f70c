namespace PhatTrienDangVien.Core.Reference;

/// <summary>
/// Age in completed years and months, as used for the admission age limits ("đủ 18 tuổi", counted by month).
/// </summary>
/// <remarks>
/// A month is completed on the day of the month matching the birth day, or on the last day of the month when that
/// month is shorter (born 31 January: one month on 28/29 February, two months on 31 March). This follows the
/// Civil Code rule for periods ending in a month without the corresponding day (Bộ luật Dân sự 2015, Điều 148),
/// and means a person born on 29 February turns a year older on 28 February in common years.
/// Consequence: born 2008-05-15 is 17 years 11 months on 2026-05-14 and exactly 18 on 2026-05-15.
/// </remarks>
public static class Age
{
    /// <summary>Completed years on <paramref name="on"/>; throws when <paramref name="on"/> is before the birth date.</summary>
    public static int FullYears(DateOnly birth, DateOnly on) => FullMonths(birth, on) / 12;

    /// <summary>Completed months on <paramref name="on"/>; throws when <paramref name="on"/> is before the birth date.</summary>
    public static int FullMonths(DateOnly birth, DateOnly on)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(on, birth);
        var months = ((on.Year - birth.Year) * 12) + on.Month - birth.Month;
        var anniversaryDay = Math.Min(birth.Day, DateTime.DaysInMonth(on.Year, on.Month));
        return on.Day >= anniversaryDay ? months : months - 1;
    }

    /// <summary>Completed years and the completed months beyond them (0–11).</summary>
    public static (int Years, int Months) YearsAndMonths(DateOnly birth, DateOnly on)
    {
        var months = FullMonths(birth, on);
        return (months / 12, months % 12);
    }

    /// <summary>"17 tuổi 11 tháng", or "18 tuổi" when the months are zero.</summary>
    public static string Describe(DateOnly birth, DateOnly on)
    {
        var (years, months) = YearsAndMonths(birth, on);
        return months == 0 ? $"{years} tuổi" : $"{years} tuổi {months} tháng";
    }
}
