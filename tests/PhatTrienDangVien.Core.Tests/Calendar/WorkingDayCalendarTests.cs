using System.Globalization;
using PhatTrienDangVien.Core.Calendar;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Calendar;

public class WorkingDayCalendarTests
{
    // The Government's Tết 2025 arrangement as an administrator would enter it: Monday 27/1 swapped for Saturday 8/2.
    private static readonly CalendarAdjustment[] s_tet2025Swap =
    [
        new(D("2025-01-27"), AdjustmentKind.DayOff, "Nghỉ Tết (hoán đổi)"),
        new(D("2025-02-08"), AdjustmentKind.WorkingDay, "Làm bù ngày 27/1"),
    ];

    private readonly WorkingDayCalendar _default = new();

    [Theory]
    [InlineData("2025-03-03", true)] // Monday
    [InlineData("2025-03-07", true)] // Friday
    [InlineData("2025-03-08", false)] // Saturday
    [InlineData("2025-03-09", false)] // Sunday
    [InlineData("2025-01-01", false)] // Tết Dương lịch
    [InlineData("2025-01-28", false)] // 29 Tết
    [InlineData("2025-02-03", false)] // nghỉ bù Tết (mùng 4 was a Saturday)
    [InlineData("2025-04-07", false)] // Giỗ Tổ Hùng Vương
    [InlineData("2025-09-01", false)] // Quốc khánh, adjacent day
    [InlineData("2025-09-03", true)]
    public void IsWorkingDay_knows_weekends_and_holidays(string date, bool expected) =>
        _default.IsWorkingDay(D(date)).ShouldBe(expected);

    [Fact]
    public void A_ten_working_day_deadline_from_20_January_2025_skips_the_Tet_block() =>
        // 21–24/1 and 27/1 are days 1–5; 28/1–3/2 is Tết plus its compensation; 4–7/2 and 10/2 are days 6–10.
        _default.AddWorkingDays(D("2025-01-20"), 10).ShouldBe(D("2025-02-10"));

    [Fact]
    public void Zero_working_days_returns_the_start_date_even_on_a_holiday()
    {
        _default.AddWorkingDays(D("2025-03-05"), 0).ShouldBe(D("2025-03-05"));
        _default.AddWorkingDays(D("2025-01-29"), 0).ShouldBe(D("2025-01-29"));
    }

    [Fact]
    public void The_start_date_is_not_counted()
    {
        // Friday + 1 working day is Monday; a Saturday event + 1 is also Monday.
        _default.AddWorkingDays(D("2025-03-07"), 1).ShouldBe(D("2025-03-10"));
        _default.AddWorkingDays(D("2025-03-08"), 1).ShouldBe(D("2025-03-10"));
    }

    [Fact]
    public void A_negative_number_of_days_is_rejected() =>
        Should.Throw<ArgumentOutOfRangeException>(() => _default.AddWorkingDays(D("2025-03-07"), -1));

    [Fact]
    public void A_make_up_Saturday_becomes_a_working_day_and_an_extra_day_off_is_skipped()
    {
        var calendar = new WorkingDayCalendar(year => year == 2025 ? s_tet2025Swap : []);

        calendar.IsWorkingDay(D("2025-01-27")).ShouldBeFalse();
        calendar.IsWorkingDay(D("2025-02-08")).ShouldBeTrue();
        calendar.IsWorkingDay(D("2025-02-15")).ShouldBeFalse();

        // Default: 27/1 is day 5 and 7/2 day 9; with the swap, 4/2 is day 5 and Saturday 8/2 day 9.
        _default.AddWorkingDays(D("2025-01-20"), 5).ShouldBe(D("2025-01-27"));
        calendar.AddWorkingDays(D("2025-01-20"), 5).ShouldBe(D("2025-02-04"));
        _default.AddWorkingDays(D("2025-01-20"), 9).ShouldBe(D("2025-02-07"));
        calendar.AddWorkingDays(D("2025-01-20"), 9).ShouldBe(D("2025-02-08"));
    }

    [Fact]
    public void HolidaysOf_lists_extra_days_off_and_make_up_working_days_in_date_order()
    {
        var calendar = new WorkingDayCalendar(year => year == 2025 ? s_tet2025Swap : []);

        Holiday[] tet = [.. calendar.HolidaysOf(2025).Where(h => h.Date >= D("2025-01-20") && h.Date <= D("2025-02-28"))];

        tet.ShouldBe(
        [
            new(D("2025-01-27"), "Nghỉ Tết (hoán đổi)", HolidayKind.ExtraDayOff),
            new(D("2025-01-28"), "Tết Nguyên đán", HolidayKind.PublicHoliday),
            new(D("2025-01-29"), "Tết Nguyên đán", HolidayKind.PublicHoliday),
            new(D("2025-01-30"), "Tết Nguyên đán", HolidayKind.PublicHoliday),
            new(D("2025-01-31"), "Tết Nguyên đán", HolidayKind.PublicHoliday),
            new(D("2025-02-01"), "Tết Nguyên đán", HolidayKind.PublicHoliday),
            new(D("2025-02-03"), "Nghỉ bù Tết Nguyên đán", HolidayKind.CompensatoryDayOff),
            new(D("2025-02-08"), "Làm bù ngày 27/1", HolidayKind.MakeUpWorkingDay),
        ]);
        tet[^1].IsDayOff.ShouldBeFalse();
    }

    [Fact]
    public void An_adjustment_can_move_the_National_Day_adjacent_day_to_3_September()
    {
        // 2021: the Government chose 2/9 and 3/9, not the default 1/9.
        CalendarAdjustment[] official =
        [
            new(D("2021-09-01"), AdjustmentKind.WorkingDay, "Đi làm (Quốc khánh nghỉ 2–3/9)"),
            new(D("2021-09-03"), AdjustmentKind.DayOff, "Quốc khánh"),
        ];
        var calendar = new WorkingDayCalendar(_ => official);

        calendar.IsWorkingDay(D("2021-09-01")).ShouldBeTrue();
        calendar.IsWorkingDay(D("2021-09-02")).ShouldBeFalse();
        calendar.IsWorkingDay(D("2021-09-03")).ShouldBeFalse();
        calendar.HolidaysOf(2021).Where(h => h.Date.Month == 9).ShouldBe(
        [
            new(D("2021-09-01"), "Đi làm (Quốc khánh nghỉ 2–3/9)", HolidayKind.MakeUpWorkingDay),
            new(D("2021-09-02"), "Quốc khánh", HolidayKind.PublicHoliday),
            new(D("2021-09-03"), "Quốc khánh", HolidayKind.ExtraDayOff),
        ]);
    }

    [Fact]
    public void A_working_day_adjustment_on_an_ordinary_weekday_changes_nothing()
    {
        var calendar = new WorkingDayCalendar(_ => [new(D("2025-03-05"), AdjustmentKind.WorkingDay, "Không đổi")]);

        calendar.IsWorkingDay(D("2025-03-05")).ShouldBeTrue();
        calendar.HolidaysOf(2025).ShouldBe(VietnamesePublicHolidays.DefaultFor(2025));
    }

    [Fact]
    public void For_the_same_date_the_last_adjustment_wins()
    {
        var calendar = new WorkingDayCalendar(_ =>
        [
            new(D("2025-03-05"), AdjustmentKind.DayOff, "Nghỉ"),
            new(D("2025-03-05"), AdjustmentKind.WorkingDay, "Hủy nghỉ"),
            new(D("2025-03-06"), AdjustmentKind.WorkingDay, "Hủy nghỉ"),
            new(D("2025-03-06"), AdjustmentKind.DayOff, "Nghỉ"),
        ]);

        calendar.IsWorkingDay(D("2025-03-05")).ShouldBeTrue();
        calendar.IsWorkingDay(D("2025-03-06")).ShouldBeFalse();
    }

    [Fact]
    public void Adjustments_dated_outside_the_requested_year_are_ignored()
    {
        var calendar = new WorkingDayCalendar(_ => [new(D("2026-03-05"), AdjustmentKind.DayOff, "Nghỉ")]);

        calendar.IsWorkingDay(D("2026-03-05")).ShouldBeFalse();
        calendar.HolidaysOf(2025).ShouldNotContain(h => h.Date.Year != 2025);
    }

    [Fact]
    public void Each_year_is_computed_once_until_invalidated()
    {
        var calls = 0;
        var adjustments = new List<CalendarAdjustment>();
        var calendar = new WorkingDayCalendar(_ =>
        {
            calls++;
            return [.. adjustments];
        });

        calendar.IsWorkingDay(D("2025-03-05")).ShouldBeTrue();
        calendar.IsWorkingDay(D("2025-03-06")).ShouldBeTrue();
        calls.ShouldBe(1);

        adjustments.Add(new(D("2025-03-05"), AdjustmentKind.DayOff, "Nghỉ đột xuất"));
        calendar.IsWorkingDay(D("2025-03-05")).ShouldBeTrue();
        calendar.Invalidate(2025);
        calendar.IsWorkingDay(D("2025-03-05")).ShouldBeFalse();
        calls.ShouldBe(2);
    }

    [Fact]
    public void WorkingDaysBetween_counts_the_half_open_interval_and_is_negative_backwards()
    {
        // (Fri 7/3, Fri 14/3]: Mon–Fri of the next week.
        _default.WorkingDaysBetween(D("2025-03-07"), D("2025-03-14")).ShouldBe(5);
        _default.WorkingDaysBetween(D("2025-03-14"), D("2025-03-07")).ShouldBe(-5);
        _default.WorkingDaysBetween(D("2025-03-07"), D("2025-03-07")).ShouldBe(0);
        // Days left: on the due date 0, the day after an overdue Friday is still 0 (Saturday), Monday -1.
        _default.WorkingDaysBetween(D("2025-03-14"), D("2025-03-14")).ShouldBe(0);
        _default.WorkingDaysBetween(D("2025-03-17"), D("2025-03-14")).ShouldBe(-1);
        // Across Tết 2025: (20/1, 10/2] holds 10 working days.
        _default.WorkingDaysBetween(D("2025-01-20"), D("2025-02-10")).ShouldBe(10);
    }

    [Fact]
    public void WorkingDaysBetween_agrees_with_AddWorkingDays()
    {
        var calendar = new WorkingDayCalendar(year => year == 2025 ? s_tet2025Swap : []);
        for (var start = D("2024-12-01"); start <= D("2025-12-31"); start = start.AddDays(3))
        {
            foreach (int days in (int[])[0, 1, 2, 5, 10, 15, 30, 45])
            {
                DateOnly due = calendar.AddWorkingDays(start, days);

                calendar.WorkingDaysBetween(start, due).ShouldBe(days, $"{start} + {days}");
                calendar.WorkingDaysBetween(due, start).ShouldBe(-days);
                if (days > 0)
                {
                    calendar.IsWorkingDay(due).ShouldBeTrue();
                    // The deadline is the first day reaching the count: the day before holds one fewer.
                    calendar.WorkingDaysBetween(start, due.AddDays(-1)).ShouldBe(days - 1);
                }
            }
        }
    }

    [Fact]
    public void Custom_rules_flow_through_to_the_working_day_calendar()
    {
        var calendar = new WorkingDayCalendar(rules: VietnamesePublicHolidays.WithProposed);

        calendar.IsWorkingDay(D("2026-11-24")).ShouldBeFalse();
        _default.IsWorkingDay(D("2026-11-24")).ShouldBeTrue();
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);
}
