using System.Globalization;
using PhatTrienDangVien.Core.Calendar;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Calendar;

public class VietnamesePublicHolidaysTests
{
    private const HolidayKind Public = HolidayKind.PublicHoliday;
    private const HolidayKind Compensation = HolidayKind.CompensatoryDayOff;

    [Fact]
    public void Defaults_of_2024_follow_the_Labour_Code_with_weekend_compensation()
    {
        Holiday[] expected =
        [
            new(D("2024-01-01"), "Tết Dương lịch", Public),
            // Tết: 30 Tết (Fri 9/2) + mùng 1–4 (Sat 10/2 – Tue 13/2); two of them on the weekend → 14/2 and 15/2.
            new(D("2024-02-09"), "Tết Nguyên đán", Public),
            new(D("2024-02-10"), "Tết Nguyên đán", Public),
            new(D("2024-02-11"), "Tết Nguyên đán", Public),
            new(D("2024-02-12"), "Tết Nguyên đán", Public),
            new(D("2024-02-13"), "Tết Nguyên đán", Public),
            new(D("2024-02-14"), "Nghỉ bù Tết Nguyên đán", Compensation),
            new(D("2024-02-15"), "Nghỉ bù Tết Nguyên đán", Compensation),
            new(D("2024-04-18"), "Giỗ Tổ Hùng Vương", Public),
            new(D("2024-04-30"), "Ngày Chiến thắng", Public),
            new(D("2024-05-01"), "Ngày Quốc tế Lao động", Public),
            // 1/9 is a Sunday → compensated on Tuesday 3/9, after the block.
            new(D("2024-09-01"), "Quốc khánh", Public),
            new(D("2024-09-02"), "Quốc khánh", Public),
            new(D("2024-09-03"), "Nghỉ bù Quốc khánh", Compensation),
        ];

        VietnamesePublicHolidays.DefaultFor(2024).ShouldBe(expected);
    }

    [Fact]
    public void New_Year_2022_on_a_Saturday_gives_Monday_3_January_off()
    {
        IReadOnlyList<Holiday> holidays = VietnamesePublicHolidays.DefaultFor(2022);

        holidays.ShouldContain(new Holiday(D("2022-01-01"), "Tết Dương lịch", Public));
        holidays.ShouldContain(new Holiday(D("2022-01-03"), "Nghỉ bù Tết Dương lịch", Compensation));
        holidays.ShouldNotContain(h => h.Date == D("2022-01-02"));
    }

    [Fact]
    public void April_30_and_May_1_2022_on_the_weekend_give_Monday_and_Tuesday_off()
    {
        Holiday[] around = [.. VietnamesePublicHolidays.DefaultFor(2022).Where(h => h.Date.Month is 4 or 5)];

        around.ShouldBe(
        [
            new(D("2022-04-10"), "Giỗ Tổ Hùng Vương", Public),
            new(D("2022-04-11"), "Nghỉ bù Giỗ Tổ Hùng Vương", Compensation),
            new(D("2022-04-30"), "Ngày Chiến thắng", Public),
            new(D("2022-05-01"), "Ngày Quốc tế Lao động", Public),
            new(D("2022-05-02"), "Nghỉ bù Ngày Chiến thắng", Compensation),
            new(D("2022-05-03"), "Nghỉ bù Ngày Quốc tế Lao động", Compensation),
        ]);
    }

    [Fact]
    public void National_Day_2023_on_a_Saturday_is_compensated_on_Monday_4_September()
    {
        Holiday[] september = [.. VietnamesePublicHolidays.DefaultFor(2023).Where(h => h.Date.Month == 9)];

        september.ShouldBe(
        [
            new(D("2023-09-01"), "Quốc khánh", Public),
            new(D("2023-09-02"), "Quốc khánh", Public),
            new(D("2023-09-04"), "Nghỉ bù Quốc khánh", Compensation),
        ]);
    }

    [Fact]
    public void Hung_Kings_day_2023_on_Saturday_and_April_30_on_Sunday_are_compensated_after_May_1()
    {
        Holiday[] around = [.. VietnamesePublicHolidays.DefaultFor(2023).Where(h => h.Date >= D("2023-04-29") && h.Date <= D("2023-05-07"))];

        around.Select(h => (h.Date, h.Kind)).ShouldBe(
        [
            (D("2023-04-29"), Public),
            (D("2023-04-30"), Public),
            (D("2023-05-01"), Public),
            (D("2023-05-02"), Compensation),
            (D("2023-05-03"), Compensation),
        ]);
    }

    [Fact]
    public void Tet_2025_block_runs_from_28_January_and_its_Saturday_is_compensated_on_3_February()
    {
        Holiday[] tet = [.. VietnamesePublicHolidays.DefaultFor(2025).Where(h => h.Date > D("2025-01-01") && h.Date < D("2025-03-01"))];

        tet.Select(h => (h.Date, h.Kind)).ShouldBe(
        [
            (D("2025-01-28"), Public),
            (D("2025-01-29"), Public),
            (D("2025-01-30"), Public),
            (D("2025-01-31"), Public),
            (D("2025-02-01"), Public),
            (D("2025-02-03"), Compensation),
        ]);
    }

    [Fact]
    public void Tet_2026_falls_on_weekdays_and_needs_no_compensation()
    {
        Holiday[] tet = [.. VietnamesePublicHolidays.DefaultFor(2026).Where(h => h.Name.Contains("Tết Nguyên đán", StringComparison.Ordinal))];

        tet.Select(h => h.Date).ShouldBe([D("2026-02-16"), D("2026-02-17"), D("2026-02-18"), D("2026-02-19"), D("2026-02-20")]);
        tet.ShouldAllBe(h => h.Kind == HolidayKind.PublicHoliday);
    }

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void Hung_Kings_day_is_a_public_holiday_on_10_3_lunar(int year, string expected) =>
        VietnamesePublicHolidays.DefaultFor(year)
            .Single(h => h.Name == VietnamesePublicHolidays.HungKingsName).Date
            .ShouldBe(D(expected));

    [Fact]
    public void Hung_Kings_day_2026_on_a_Sunday_is_compensated_on_Monday() =>
        VietnamesePublicHolidays.DefaultFor(2026).ShouldContain(new Holiday(D("2026-04-27"), "Nghỉ bù Giỗ Tổ Hùng Vương", Compensation));

    [Fact]
    public void National_Day_had_one_day_before_the_Labour_Code_2019_and_two_from_2021()
    {
        VietnamesePublicHolidays.DefaultFor(2020).Where(h => h.Date.Month == 9).Select(h => h.Date).ShouldBe([D("2020-09-02")]);
        VietnamesePublicHolidays.DefaultFor(2021).Where(h => h.Date.Month == 9).Select(h => h.Date).ShouldBe([D("2021-09-01"), D("2021-09-02")]);
    }

    [Theory]
    [InlineData(2020, 10)]
    [InlineData(2021, 11)]
    [InlineData(2022, 11)]
    [InlineData(2024, 11)]
    [InlineData(2025, 11)]
    [InlineData(2026, 11)]
    public void Statutory_days_off_number_eleven_since_2021(int year, int statutoryDays) =>
        VietnamesePublicHolidays.DefaultFor(year).Count(h => h.Kind == HolidayKind.PublicHoliday).ShouldBe(statutoryDays);

    [Fact]
    public void Culture_Day_is_planned_but_not_applied_by_default()
    {
        VietnamesePublicHolidays.VietnameseCultureDay.IsConfirmed.ShouldBeFalse();
        VietnamesePublicHolidays.LabourCode2019.ShouldNotContain(VietnamesePublicHolidays.VietnameseCultureDay);
        VietnamesePublicHolidays.LabourCode2019.ShouldAllBe(rule => rule.IsConfirmed);

        VietnamesePublicHolidays.DefaultFor(2026).ShouldNotContain(h => h.Date == D("2026-11-24"));
    }

    [Fact]
    public void A_rule_set_including_Culture_Day_gives_24_November_off()
    {
        IReadOnlyList<Holiday> holidays = VietnamesePublicHolidays.DefaultFor(2026, VietnamesePublicHolidays.WithProposed);

        holidays.ShouldContain(new Holiday(D("2026-11-24"), "Ngày Văn hóa Việt Nam", Public));
        holidays.Count.ShouldBe(VietnamesePublicHolidays.DefaultFor(2026).Count + 1);
    }

    [Theory]
    // 24/11/2029 is a Saturday and 24/11/2030 a Sunday: both are compensated on the Monday.
    [InlineData(2029, "2029-11-26")]
    [InlineData(2030, "2030-11-25")]
    public void Culture_Day_on_a_weekend_is_compensated_on_the_next_Monday(int year, string monday)
    {
        IReadOnlyList<Holiday> holidays = VietnamesePublicHolidays.DefaultFor(year, [.. VietnamesePublicHolidays.LabourCode2019, VietnamesePublicHolidays.VietnameseCultureDay]);

        holidays.ShouldContain(new Holiday(D(monday), "Nghỉ bù Ngày Văn hóa Việt Nam", Compensation));
    }

    [Fact]
    public void Culture_Day_does_not_apply_before_its_first_year() =>
        VietnamesePublicHolidays.DefaultFor(2025, VietnamesePublicHolidays.WithProposed).ShouldNotContain(h => h.Date == D("2025-11-24"));

    [Fact]
    public void A_custom_rule_set_is_used_instead_of_the_default()
    {
        HolidayRule[] rules = [HolidayRule.Solar("Ngày thử", 3, 8)];

        VietnamesePublicHolidays.DefaultFor(2025, rules).ShouldBe([new Holiday(D("2025-03-08"), "Ngày thử", Public), new Holiday(D("2025-03-10"), "Nghỉ bù Ngày thử", Compensation)]);
    }

    [Fact]
    public void Compensation_of_a_late_December_holiday_spills_into_the_next_year()
    {
        // 31/12/2028 is a Sunday: the day off is Tuesday 2/1/2029 (1/1 is itself a holiday).
        HolidayRule[] rules = [.. VietnamesePublicHolidays.LabourCode2019, HolidayRule.Solar("Ngày cuối năm", 12, 31)];

        VietnamesePublicHolidays.DefaultFor(2029, rules).ShouldContain(new Holiday(D("2029-01-02"), "Nghỉ bù Ngày cuối năm", Compensation));
        VietnamesePublicHolidays.DefaultFor(2028, rules).ShouldAllBe(h => h.Date.Year == 2028);
    }

    [Fact]
    public void A_rule_whose_date_does_not_exist_that_year_gives_no_day_off()
    {
        HolidayRule leapDay = HolidayRule.Solar("Ngày nhuận", 2, 29);
        HolidayRule lunarThirtieth = HolidayRule.Lunar("Ba mươi tháng Chạp", 12, 30);

        leapDay.DatesIn(2025).ShouldBeEmpty();
        leapDay.DatesIn(2028).ShouldBe([D("2028-02-29")]);
        // Month 12 of Giáp Thìn (2024) has 29 days.
        lunarThirtieth.DatesIn(2024).ShouldBeEmpty();
    }

    [Fact]
    public void A_rule_outside_its_years_gives_nothing()
    {
        HolidayRule rule = HolidayRule.Solar("Thử", 6, 1, fromYear: 2026, toYear: 2027);

        rule.DatesIn(2025).ShouldBeEmpty();
        rule.DatesIn(2026).ShouldBe([D("2026-06-01")]);
        rule.DatesIn(2028).ShouldBeEmpty();
    }

    [Fact]
    public void Years_outside_the_lunar_range_are_rejected() =>
        Should.Throw<ArgumentOutOfRangeException>(() => VietnamesePublicHolidays.DefaultFor(1899));

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);
}
