using System.Collections.Concurrent;

namespace PhatTrienDangVien.Core.Calendar;

/// <summary>
/// Builds and caches the month layout of lunisolar years for one civil time zone.
/// </summary>
/// <remarks>
/// The rules (the same as the traditional Chinese calendar; only the time zone differs):
/// <list type="number">
/// <item>A month starts on the local civil day that contains the new moon.</item>
/// <item>Month 11 is the month containing the winter solstice (Sun at 270°).</item>
/// <item>If 13 months start between two consecutive months 11, the first of them after month 11 that
/// contains no principal solar term (Sun crossing a multiple of 30°) is the leap month and repeats the
/// number of the month before it.</item>
/// </list>
/// Everything is computed in whole local days (Julian Day Numbers), so it is independent of DateTime kinds.
/// </remarks>
internal sealed class LunisolarTables
{
    private readonly double _timeZoneHours;
    private readonly ConcurrentDictionary<int, SolsticeSpan> _spans = new();
    private readonly ConcurrentDictionary<int, LunarYearLayout> _years = new();

    internal LunisolarTables(double timeZoneHours) => _timeZoneHours = timeZoneHours;

    internal LunarYearLayout GetYear(int lunarYear) => _years.GetOrAdd(lunarYear, BuildYear);

    /// <summary>Lunar year whose months contain the given day (Julian Day Number).</summary>
    internal int LunarYearOf(int julianDayNumber, int solarYear)
    {
        // Tết always falls between 21 January and 20 February, so the lunar year is the solar year or the one before.
        return julianDayNumber >= GetYear(solarYear).Months[0].Start ? solarYear : solarYear - 1;
    }

    private LunarYearLayout BuildYear(int lunarYear)
    {
        // Months 1–10 (and any leap month among them) sit in the span ending with month 11 of this solar year;
        // months 11 and 12 of this lunar year open the next span.
        SolsticeSpan current = GetSpan(lunarYear);
        SolsticeSpan next = GetSpan(lunarYear + 1);

        var months = new List<LunarMonthLayout>(13);
        months.AddRange(current.Months.SkipWhile(m => m.Number >= 11));
        months.AddRange(next.Months.TakeWhile(m => m.Number >= 11));
        int end = next.Months.First(m => m.Number == 1).Start;
        return new LunarYearLayout(lunarYear, [.. months], end);
    }

    private SolsticeSpan GetSpan(int solarYear) => _spans.GetOrAdd(solarYear, BuildSpan);

    /// <summary>Months from month 11 of <paramref name="solarYear"/> − 1 up to (excluding) month 11 of <paramref name="solarYear"/>.</summary>
    private SolsticeSpan BuildSpan(int solarYear)
    {
        int startLunation = Month11Lunation(solarYear - 1);
        int endLunation = Month11Lunation(solarYear);
        int count = endLunation - startLunation;

        var starts = new int[count + 1];
        for (int i = 0; i <= count; i++)
        {
            starts[i] = LunarAstronomy.NewMoonLocalDay(startLunation + i, _timeZoneHours);
        }

        int leapIndex = -1;
        if (count == 13)
        {
            for (int i = 1; i < count; i++)
            {
                bool hasPrincipalTerm = LunarAstronomy.SunSectorAtLocalMidnight(starts[i], _timeZoneHours)
                    != LunarAstronomy.SunSectorAtLocalMidnight(starts[i + 1], _timeZoneHours);
                if (!hasPrincipalTerm)
                {
                    leapIndex = i;
                    break;
                }
            }

            if (leapIndex < 0)
            {
                throw new InvalidOperationException($"No leap month found in the lunar span ending in {solarYear}.");
            }
        }
        else if (count != 12)
        {
            throw new InvalidOperationException($"Unexpected {count} lunar months in the span ending in {solarYear}.");
        }

        var months = new LunarMonthLayout[count];
        for (int i = 0; i < count; i++)
        {
            // Ordinal counts months from month 11 (0 → 11, 1 → 12, 2 → 1, …); the leap month repeats its predecessor.
            int ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i;
            int number = ((10 + ordinal) % 12) + 1;
            months[i] = new LunarMonthLayout(number, i == leapIndex, starts[i], starts[i + 1] - starts[i]);
        }

        return new SolsticeSpan(months);
    }

    /// <summary>Lunation index of the month 11 that contains the winter solstice of <paramref name="solarYear"/>.</summary>
    private int Month11Lunation(int solarYear)
    {
        int december31 = LunarAstronomy.ToJulianDayNumber(new DateOnly(solarYear, 12, 31));
        int k = LunarAstronomy.ApproximateLunation(december31);

        // Settle on the last new moon day on or before 31 December.
        while (LunarAstronomy.NewMoonLocalDay(k + 1, _timeZoneHours) <= december31)
        {
            k++;
        }

        while (LunarAstronomy.NewMoonLocalDay(k, _timeZoneHours) > december31)
        {
            k--;
        }

        // If the Sun has already passed 270° when that month begins, the solstice is in the month before.
        int start = LunarAstronomy.NewMoonLocalDay(k, _timeZoneHours);
        return LunarAstronomy.SunSectorAtLocalMidnight(start, _timeZoneHours) >= 9 ? k - 1 : k;
    }

    private sealed record SolsticeSpan(LunarMonthLayout[] Months);
}

/// <summary>One lunar month: its number (1–12), whether it is the leap repeat, its first day (JDN) and length.</summary>
internal readonly record struct LunarMonthLayout(int Number, bool IsLeap, int Start, int Length);

/// <summary>All months of one lunar year in order, and the first day of the following year (JDN).</summary>
internal sealed record LunarYearLayout(int Year, LunarMonthLayout[] Months, int End)
{
    internal LunarMonthLayout? Find(int month, bool isLeap)
    {
        foreach (LunarMonthLayout m in Months)
        {
            if (m.Number == month && m.IsLeap == isLeap)
            {
                return m;
            }
        }

        return null;
    }

    internal LunarMonthLayout Containing(int julianDayNumber)
    {
        for (int i = Months.Length - 1; i >= 0; i--)
        {
            if (julianDayNumber >= Months[i].Start)
            {
                return Months[i];
            }
        }

        throw new ArgumentOutOfRangeException(nameof(julianDayNumber));
    }
}
