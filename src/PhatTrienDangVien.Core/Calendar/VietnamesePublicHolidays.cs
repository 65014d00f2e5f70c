namespace PhatTrienDangVien.Core.Calendar;

/// <summary>
/// Statutory public holidays of Vietnam (Bộ luật Lao động 2019, Điều 112) and the default compensatory
/// days off (nghỉ bù) they generate. This is the computed default only: each year the Government announces
/// the actual days (which days around Tết, which side of 2/9, swapped working days), and those corrections
/// are applied on top as <see cref="CalendarAdjustment"/>s by <see cref="WorkingDayCalendar"/>.
/// </summary>
/// <remarks>
/// Defaults chosen where the law leaves a choice to the Prime Minister:
/// <list type="bullet">
/// <item>Tết Nguyên đán (5 days): the last day of the old lunar year (29 or 30 tháng Chạp) and 1–4 tháng Giêng.</item>
/// <item>Quốc khánh (2 days since 2021): 2/9 and the day before, 1/9. The Government has also picked 3/9
/// (e.g. 2021, 2024); record such a year with adjustments (1/9 WorkingDay, 3/9 DayOff).</item>
/// <item>A holiday on Saturday or Sunday (the weekly rest days of the public sector) gives a day off on the next
/// working day; for a block (Tết, Quốc khánh) the number of block days that fell on a weekend is added
/// as working days right after the block.</item>
/// </list>
/// Years before 2021 use the same list except that Quốc khánh is 2/9 only; Giỗ Tổ Hùng Vương is a day off
/// from 2007. Earlier history (4-day Tết before the 2012 Labour Code) is not modelled.
/// </remarks>
public static class VietnamesePublicHolidays
{
    /// <summary>Name of 1 January.</summary>
    public const string NewYearName = "Tết Dương lịch";

    /// <summary>Name of the lunar new year block.</summary>
    public const string LunarNewYearName = "Tết Nguyên đán";

    /// <summary>Name of 10/3 lunar.</summary>
    public const string HungKingsName = "Giỗ Tổ Hùng Vương";

    /// <summary>Name of 30 April.</summary>
    public const string ReunificationName = "Ngày Chiến thắng";

    /// <summary>Name of 1 May.</summary>
    public const string LabourDayName = "Ngày Quốc tế Lao động";

    /// <summary>Name of 2 September (and its adjacent day).</summary>
    public const string NationalDayName = "Quốc khánh";

    /// <summary>Name of 24 November (planned, not in force).</summary>
    public const string CultureDayName = "Ngày Văn hóa Việt Nam";

    /// <summary>Prefix of compensatory days off: "Nghỉ bù Quốc khánh".</summary>
    public const string CompensationPrefix = "Nghỉ bù ";

    /// <summary>The rules in force: Labour Code 2019, Article 112 (with the earlier 1-day Quốc khánh for years before 2021).</summary>
    public static IReadOnlyList<HolidayRule> LabourCode2019 { get; } =
    [
        HolidayRule.Solar(NewYearName, 1, 1),
        HolidayRule.LunarNewYear(LunarNewYearName, daysBefore: 1, daysAfter: 3),
        HolidayRule.Lunar(HungKingsName, 3, 10, fromYear: 2007),
        HolidayRule.Solar(ReunificationName, 4, 30),
        HolidayRule.Solar(LabourDayName, 5, 1),
        HolidayRule.Solar(NationalDayName, 9, 2, toYear: 2020),
        HolidayRule.Solar(NationalDayName, 9, 2, fromYear: 2021) with { DaysBefore = 1 },
    ];

    /// <summary>
    /// Ngày Văn hóa Việt Nam, 24/11: planned as a paid day off but not confirmed in law, so it is
    /// <see cref="HolidayRule.IsConfirmed"/> = false and is not part of <see cref="LabourCode2019"/>.
    /// </summary>
    public static HolidayRule VietnameseCultureDay { get; } =
        HolidayRule.Solar(CultureDayName, 11, 24, fromYear: 2026) with { IsConfirmed = false };

    /// <summary>Planned rules that are not law yet. Opt in with <see cref="WithProposed"/>.</summary>
    public static IReadOnlyList<HolidayRule> Proposed { get; } = [VietnameseCultureDay];

    /// <summary>The rules in force plus the planned ones, for "what if" calendars once a plan is adopted.</summary>
    public static IReadOnlyList<HolidayRule> WithProposed { get; } = [.. LabourCode2019, .. Proposed];

    /// <summary>
    /// The default holidays and compensatory days off dated in <paramref name="year"/>, sorted by date,
    /// before any administrator adjustment. Every rule passed in is applied, confirmed or not.
    /// </summary>
    /// <param name="year">Solar year, within the lunar calendar's range (1900–2199).</param>
    /// <param name="rules">The rule set; <see cref="LabourCode2019"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1900–2199.</exception>
    public static IReadOnlyList<Holiday> DefaultFor(int year, IEnumerable<HolidayRule>? rules = null)
    {
        if (year is < VietnameseLunarCalendar.MinLunarYear or > VietnameseLunarCalendar.MaxLunarYear)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Supported years are {VietnameseLunarCalendar.MinLunarYear} to {VietnameseLunarCalendar.MaxLunarYear}.");
        }

        IReadOnlyList<HolidayRule> ruleList = rules as IReadOnlyList<HolidayRule> ?? [.. rules ?? LabourCode2019];

        // Neighbouring years take part so that a late-December holiday's compensation can spill into January
        // without landing on 1 January, and so that this year's holidays see last year's spill.
        int from = Math.Max(year - 1, VietnameseLunarCalendar.MinLunarYear);
        int to = Math.Min(year + 1, VietnameseLunarCalendar.MaxLunarYear);
        return [.. Generate(from, to, ruleList).Where(h => h.Date.Year == year).OrderBy(h => h.Date)];
    }

    internal static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>Holidays and compensations produced by the rules of the years <paramref name="fromYear"/>–<paramref name="toYear"/>.</summary>
    private static List<Holiday> Generate(int fromYear, int toYear, IReadOnlyList<HolidayRule> rules)
    {
        var blocks = Enumerable.Range(fromYear, toYear - fromYear + 1)
            .SelectMany(year => rules.Select(rule => (Rule: rule, Dates: rule.DatesIn(year))))
            .Where(block => block.Dates.Count > 0)
            .OrderBy(block => block.Dates[0])
            .ToList();

        var byDate = new Dictionary<DateOnly, Holiday>();
        var owedByBlock = new int[blocks.Count];
        for (int i = 0; i < blocks.Count; i++)
        {
            foreach (DateOnly date in blocks[i].Dates)
            {
                // If two rules land on the same day the day is off once, and only the first rule owes compensation for it.
                if (byDate.TryAdd(date, new Holiday(date, blocks[i].Rule.Name, HolidayKind.PublicHoliday)) && IsWeekend(date))
                {
                    owedByBlock[i]++;
                }
            }
        }

        for (int i = 0; i < blocks.Count; i++)
        {
            DateOnly candidate = blocks[i].Dates[^1];
            for (int owed = owedByBlock[i]; owed > 0;)
            {
                candidate = candidate.AddDays(1);
                if (IsWeekend(candidate) || byDate.ContainsKey(candidate))
                {
                    continue;
                }

                byDate.Add(candidate, new Holiday(candidate, CompensationPrefix + blocks[i].Rule.Name, HolidayKind.CompensatoryDayOff));
                owed--;
            }
        }

        return [.. byDate.Values];
    }
}
