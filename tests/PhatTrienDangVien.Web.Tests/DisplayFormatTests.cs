using PhatTrienDangVien.Web.Pages.Shared;
using Shouldly;
using Xunit;

namespace PhatTrienDangVien.Web.Tests;

/// <summary>One way to write numbers and time left, everywhere.</summary>
public class DisplayFormatTests
{
    [Theory]
    [InlineData(0, "đến hạn hôm nay")]
    [InlineData(1, "còn 1 ngày làm việc")]
    [InlineData(60, "còn 60 ngày làm việc")]
    [InlineData(61, "còn khoảng 3 tháng")]
    [InlineData(1171, "còn khoảng 56 tháng")]
    [InlineData(-5, "quá hạn 5 ngày làm việc")]
    [InlineData(-125, "quá hạn khoảng 6 tháng")]
    public void Time_left_is_counted_in_working_days_up_to_three_months_then_in_months(int days, string expected) =>
        Dates.WorkingDaysLeft(days).ShouldBe(expected);

    [Theory]
    [InlineData(3267, "3.267")]
    [InlineData(1272, "1.272")]
    [InlineData(999, "999")]
    [InlineData(1_000_000, "1.000.000")]
    public void Numbers_are_written_the_vietnamese_way(int n, string expected) => Numbers.Show(n).ShouldBe(expected);
}
