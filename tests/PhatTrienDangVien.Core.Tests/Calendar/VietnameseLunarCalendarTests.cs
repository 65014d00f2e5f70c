using System.Globalization;
using PhatTrienDangVien.Core.Calendar;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Core.Tests.Calendar;

public class VietnameseLunarCalendarTests
{
    [Theory]
    [InlineData(1968, "1968-01-29")]
    [InlineData(1975, "1975-02-11")]
    [InlineData(1985, "1985-01-21")]
    [InlineData(1990, "1990-01-27")]
    [InlineData(2000, "2000-02-05")]
    [InlineData(2007, "2007-02-17")]
    [InlineData(2008, "2008-02-07")]
    [InlineData(2017, "2017-01-28")]
    [InlineData(2018, "2018-02-16")]
    [InlineData(2019, "2019-02-05")]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2021, "2021-02-12")]
    [InlineData(2022, "2022-02-01")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(2029, "2029-02-13")]
    [InlineData(2030, "2030-02-02")]
    [InlineData(2031, "2031-01-23")]
    public void Tet_falls_on_the_known_solar_date(int lunarYear, string expected)
    {
        DateOnly tet = DateOnly.Parse(expected, CultureInfo.InvariantCulture);

        VietnameseLunarCalendar.ToSolar(lunarYear, 1, 1).ShouldBe(tet);
        VietnameseLunarCalendar.NewYear(lunarYear).ShouldBe(tet);
        VietnameseLunarCalendar.FromSolar(tet).ShouldBe(new LunarDate(lunarYear, 1, 1, false));
        VietnameseLunarCalendar.FromSolar(tet.AddDays(-1)).Year.ShouldBe(lunarYear - 1);
    }

    [Fact]
    public void Tet_2024_starts_on_10_February() =>
        VietnameseLunarCalendar.FromSolar(new DateOnly(2024, 2, 10)).ShouldBe(new LunarDate(2024, 1, 1, false));

    [Theory]
    // Vietnam (UTC+7) vs China (UTC+8): the new moon fell between 23:00 and 24:00 Vietnam time
    // (2007, 1968, 2030), or the leap month/month 11 came out differently (1985).
    [InlineData(1968, "1968-01-29", "1968-01-30")]
    [InlineData(1985, "1985-01-21", "1985-02-20")]
    [InlineData(2007, "2007-02-17", "2007-02-18")]
    [InlineData(2030, "2030-02-02", "2030-02-03")]
    public void Tet_in_Vietnam_differs_from_the_Chinese_new_year_in_some_years(int year, string vietnam, string china)
    {
        var chinese = new ChineseLunisolarCalendar();
        DateOnly.FromDateTime(chinese.ToDateTime(year, 1, 1, 0, 0, 0, 0))
            .ShouldBe(DateOnly.Parse(china, CultureInfo.InvariantCulture));

        VietnameseLunarCalendar.NewYear(year).ShouldBe(DateOnly.Parse(vietnam, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1995, 8)]
    [InlineData(1998, 5)]
    [InlineData(2001, 4)]
    [InlineData(2004, 2)]
    [InlineData(2006, 7)]
    [InlineData(2009, 5)]
    [InlineData(2012, 4)]
    [InlineData(2014, 9)]
    [InlineData(2017, 6)]
    [InlineData(2020, 4)]
    [InlineData(2023, 2)]
    [InlineData(2025, 6)]
    [InlineData(2028, 5)]
    [InlineData(2031, 3)]
    public void Leap_month_is_the_known_one(int lunarYear, int leapMonth) =>
        VietnameseLunarCalendar.LeapMonthOf(lunarYear).ShouldBe(leapMonth);

    [Theory]
    [InlineData(2021)]
    [InlineData(2022)]
    [InlineData(2024)]
    [InlineData(2026)]
    public void Ordinary_years_have_no_leap_month(int lunarYear) =>
        VietnameseLunarCalendar.LeapMonthOf(lunarYear).ShouldBeNull();

    [Theory]
    [InlineData("2020-05-22", 2020, 4, 30, false)]
    [InlineData("2020-05-23", 2020, 4, 1, true)]
    [InlineData("2020-06-21", 2020, 5, 1, false)]
    [InlineData("2020-08-05", 2020, 6, 16, false)]
    [InlineData("2023-03-22", 2023, 2, 1, true)]
    [InlineData("2023-04-20", 2023, 3, 1, false)]
    [InlineData("2025-07-25", 2025, 6, 1, true)]
    [InlineData("2025-08-08", 2025, 6, 15, true)]
    [InlineData("2025-10-06", 2025, 8, 15, false)]
    [InlineData("2024-02-24", 2024, 1, 15, false)]
    [InlineData("2025-01-28", 2024, 12, 29, false)]
    public void FromSolar_gives_the_known_lunar_date(string solar, int year, int month, int day, bool isLeap)
    {
        DateOnly date = DateOnly.Parse(solar, CultureInfo.InvariantCulture);

        VietnameseLunarCalendar.FromSolar(date).ShouldBe(new LunarDate(year, month, day, isLeap));
        VietnameseLunarCalendar.ToSolar(year, month, day, isLeap).ShouldBe(date);
    }

    [Fact]
    public void The_leap_month_follows_the_ordinary_month_with_the_same_number()
    {
        DateOnly ordinarySixth = VietnameseLunarCalendar.ToSolar(2025, 6, 1);
        DateOnly leapSixth = VietnameseLunarCalendar.ToSolar(2025, 6, 1, isLeapMonth: true);
        DateOnly seventh = VietnameseLunarCalendar.ToSolar(2025, 7, 1);

        ordinarySixth.ShouldBe(new DateOnly(2025, 6, 25));
        leapSixth.ShouldBe(ordinarySixth.AddDays(VietnameseLunarCalendar.DaysInMonth(2025, 6)));
        seventh.ShouldBe(leapSixth.AddDays(VietnameseLunarCalendar.DaysInMonth(2025, 6, isLeapMonth: true)));
    }

    [Theory]
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2023, "2023-04-29")]
    public void Hung_Kings_day_10_3_lunar_falls_on_the_known_date(int year, string expected) =>
        VietnameseLunarCalendar.ToSolar(year, 3, 10).ShouldBe(DateOnly.Parse(expected, CultureInfo.InvariantCulture));

    [Fact]
    public void Every_day_from_1950_to_2100_round_trips_and_advances_by_one_lunar_day()
    {
        var last = new DateOnly(2100, 12, 31);
        LunarDate previous = VietnameseLunarCalendar.FromSolar(new DateOnly(1949, 12, 31));
        int leapMonths = 0;
        for (var date = new DateOnly(1950, 1, 1); date <= last; date = date.AddDays(1))
        {
            LunarDate lunar = VietnameseLunarCalendar.FromSolar(date);
            VietnameseLunarCalendar.ToSolar(lunar).ShouldBe(date);

            if (lunar.Day == 1)
            {
                // A month has 29 or 30 days; a new month is the next number, the leap repeat, or 1 after 12.
                previous.Day.ShouldBeInRange(29, 30);
                bool expectedNext = lunar.IsLeapMonth
                    ? lunar.Month == previous.Month && !previous.IsLeapMonth
                    : lunar.Month == (previous.Month % 12) + 1;
                expectedNext.ShouldBeTrue($"{previous} -> {lunar}");
                lunar.Year.ShouldBe(lunar.Month == 1 && !lunar.IsLeapMonth ? previous.Year + 1 : previous.Year);
                if (lunar.IsLeapMonth)
                {
                    leapMonths++;
                }
            }
            else
            {
                lunar.ShouldBe(previous with { Day = previous.Day + 1 });
            }

            previous = lunar;
        }

        // 7 leap months every 19 years: 151 years give about 55–56.
        leapMonths.ShouldBeInRange(54, 57);
    }

    [Fact]
    public void ToSolar_rejects_a_leap_month_the_year_does_not_have() =>
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(2024, 6, 1, isLeapMonth: true));

    [Fact]
    public void ToSolar_rejects_day_30_of_a_29_day_month()
    {
        VietnameseLunarCalendar.DaysInMonth(2024, 12).ShouldBe(29);
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(2024, 12, 30));
    }

    [Theory]
    [InlineData(2025, 0, 1)]
    [InlineData(2025, 13, 1)]
    [InlineData(2025, 1, 0)]
    [InlineData(2025, 1, 31)]
    [InlineData(1899, 1, 1)]
    [InlineData(2200, 1, 1)]
    public void ToSolar_rejects_impossible_dates(int year, int month, int day) =>
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.ToSolar(year, month, day));

    [Fact]
    public void FromSolar_rejects_dates_outside_the_supported_range()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromSolar(new DateOnly(1899, 12, 31)));
        Should.Throw<ArgumentOutOfRangeException>(() => VietnameseLunarCalendar.FromSolar(new DateOnly(2201, 1, 1)));
        VietnameseLunarCalendar.FromSolar(new DateOnly(1900, 1, 1)).Year.ShouldBe(1899);
    }

    [Fact]
    public void The_whole_supported_range_converts_without_error()
    {
        for (int year = VietnameseLunarCalendar.MinLunarYear; year <= VietnameseLunarCalendar.MaxLunarYear; year++)
        {
            DateOnly tet = VietnameseLunarCalendar.NewYear(year);
            tet.ShouldBeInRange(new DateOnly(year, 1, 20), new DateOnly(year, 2, 21));
            VietnameseLunarCalendar.FromSolar(tet).ShouldBe(new LunarDate(year, 1, 1, false));
        }
    }

    [Theory]
    [InlineData(1945, "Ất Dậu")]
    [InlineData(1968, "Mậu Thân")]
    [InlineData(1984, "Giáp Tý")]
    [InlineData(2000, "Canh Thìn")]
    [InlineData(2024, "Giáp Thìn")]
    [InlineData(2025, "Ất Tỵ")]
    [InlineData(2026, "Bính Ngọ")]
    [InlineData(2023, "Quý Mão")]
    public void Year_names_follow_the_sexagenary_cycle(int year, string canChi)
    {
        VietnameseLunarCalendar.CanChiOfYear(year).ShouldBe(canChi);
        new LunarDate(year, 5, 5, false).YearCanChi.ShouldBe(canChi);
    }

    [Fact]
    public void LunarDate_prints_day_month_year_and_marks_a_leap_month_with_n()
    {
        new LunarDate(2025, 8, 15, false).ToString().ShouldBe("15/8/2025");
        new LunarDate(2025, 6, 15, true).ToString().ShouldBe("15/6n/2025");
    }

    [Fact]
    public void Describe_gives_a_short_Vietnamese_lunar_date()
    {
        VietnameseLunarCalendar.Describe(new DateOnly(2025, 10, 6)).ShouldBe("Âm lịch: 15/8 Ất Tỵ");
        VietnameseLunarCalendar.Describe(new DateOnly(2025, 8, 8)).ShouldBe("Âm lịch: 15/6 nhuận Ất Tỵ");
        // Before Tết the year is still the old one.
        VietnameseLunarCalendar.Describe(new DateOnly(2025, 1, 1)).ShouldBe("Âm lịch: 2/12 Giáp Thìn");
    }
}
