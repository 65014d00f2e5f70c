using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using PhatTrienDangVien.Core.Calendar;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>Dates as Vietnamese offices write them (dd/MM/yyyy), with the lunar date on hover.</summary>
public static class Dates
{
    /// <summary>The date as plain text (30/11/2026), for sentences and files.</summary>
    public static string Text(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>
    /// A date as plain text at the precision it was recorded: "1980" for a year-only date, "03/1980" for a month,
    /// never the 01/01 it is stored as (lists, their files and the forms all say it this way); empty when unknown.
    /// </summary>
    public static string Text(DateOnly? date, Core.People.DatePrecision precision) => precision switch
    {
        _ when date is null => "",
        Core.People.DatePrecision.Year => date.Value.Year.ToString(CultureInfo.InvariantCulture),
        Core.People.DatePrecision.Month => date.Value.ToString("MM'/'yyyy", CultureInfo.InvariantCulture),
        _ => Text(date.Value),
    };

    /// <summary>A date known only to its year or month (a register brought in from Excel) shows as such: "1980", "03/1980".</summary>
    /// <summary>
    /// A date for a CSV or .xlsx cell: a full date stays a date (a real date cell), a year-only or month-only one is
    /// its text ("1980"), so that no file shows the 01/01 it is stored as.
    /// </summary>
    public static object? Cell(DateOnly? date, Core.People.DatePrecision precision) =>
        date is null ? null : precision == Core.People.DatePrecision.Day ? date.Value : Text(date, precision);

    public static IHtmlContent Show(DateOnly? date, Core.People.DatePrecision precision) => precision switch
    {
        _ when date is null => HtmlString.Empty,
        Core.People.DatePrecision.Year or Core.People.DatePrecision.Month => new HtmlString(Text(date, precision)),
        _ => Show(date),
    };

    public static IHtmlContent Show(DateOnly? date)
    {
        if (date is not { } d) return HtmlString.Empty;
        var text = d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        if (d < VietnameseLunarCalendar.MinSupportedDate || d > VietnameseLunarCalendar.MaxSupportedDate) return new HtmlString(text);
        var lunar = HtmlEncoder.Default.Encode(VietnameseLunarCalendar.Describe(d));
        return new HtmlString($"<time datetime=\"{d:yyyy-MM-dd}\" title=\"{lunar}\">{text}</time>");
    }

    /// <summary>
    /// Time left to a deadline: working days while they can be counted on a calendar on the wall (up to 60, about three
    /// months); beyond that, months, as an office says it ("còn khoảng 55 tháng", not "còn 1171 ngày làm việc").
    /// </summary>
    public static string WorkingDaysLeft(int days) => days switch
    {
        0 => "đến hạn hôm nay",
        > 60 => $"còn khoảng {Numbers.Show((int)Math.Round(days / WorkingDaysPerMonth))} tháng",
        > 0 => $"còn {days} ngày làm việc",
        < -60 => $"quá hạn khoảng {Numbers.Show((int)Math.Round(-days / WorkingDaysPerMonth))} tháng",
        _ => $"quá hạn {-days} ngày làm việc",
    };

    // 52 weeks × 5 days less about 11 public holidays, over 12 months.
    private const double WorkingDaysPerMonth = 20.75;
}

/// <summary>Numbers as Vietnamese offices write them: 3.267, not 3267 or 3,267.</summary>
public static class Numbers
{
    public static string Show(int n) => n.ToString("N0", Lookups.Vietnamese);

    public static string Show(long n) => n.ToString("N0", Lookups.Vietnamese);
}
