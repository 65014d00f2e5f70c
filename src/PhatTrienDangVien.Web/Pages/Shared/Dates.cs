using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using PhatTrienDangVien.Core.Calendar;

namespace PhatTrienDangVien.Web.Pages.Shared;

/// <summary>Dates as Vietnamese offices write them (dd/MM/yyyy), with the lunar date on hover.</summary>
public static class Dates
{
    public static IHtmlContent Show(DateOnly? date)
    {
        if (date is not { } d) return HtmlString.Empty;
        var text = d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        if (d < VietnameseLunarCalendar.MinSupportedDate || d > VietnameseLunarCalendar.MaxSupportedDate) return new HtmlString(text);
        var lunar = HtmlEncoder.Default.Encode(VietnameseLunarCalendar.Describe(d));
        return new HtmlString($"<time datetime=\"{d:yyyy-MM-dd}\" title=\"{lunar}\">{text}</time>");
    }

    public static string WorkingDaysLeft(int days) => days switch
    {
        0 => "đến hạn hôm nay",
        > 0 => $"còn {days} ngày làm việc",
        _ => $"quá hạn {-days} ngày làm việc",
    };
}
