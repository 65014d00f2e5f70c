using System.Globalization;
using System.Text.RegularExpressions;
using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Web.Import;

/// <summary>A date read from a cell, with how much of it the cell gave.</summary>
public readonly record struct ImportDate(DateOnly Date, DatePrecision Precision)
{
    /// <summary>As the register shows it: "15/03/1980", "03/1980" or "1980".</summary>
    public override string ToString() => Show(Date, Precision);

    public static string Show(DateOnly d, DatePrecision p) => p switch
    {
        DatePrecision.Year => d.Year.ToString(CultureInfo.InvariantCulture),
        DatePrecision.Month => d.ToString("MM'/'yyyy", CultureInfo.InvariantCulture),
        _ => d.ToString("dd'/'MM'/'yyyy", CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// Dates as registers hold them: Excel dates (a date cell, or its serial number in a general cell), text in day-first
/// order with "/", "." or "-" ("15/03/1980", "5/3/80", "15.03.1980"), ISO "1980-03-15", a month "03/1980", or a year
/// alone ("1980"). Never month-first: Vietnamese offices do not write it, and a guess would silently swap day and month.
/// </summary>
public static partial class ImportDates
{
    public const string Formats = "ngày/tháng/năm (15/03/1980, 15.03.1980, 15-03-1980, 5/3/80), tháng/năm (03/1980), năm (1980) hoặc ô kiểu ngày của Excel";

    // [0-9], not \d: \d also matches full-width and other scripts' digits, which int.Parse refuses.
    // A time after the date ("15/03/1980 00:00:00") is what a date cell turns into when copied as text.
    [GeneratedRegex(@"^([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{2}|[0-9]{4})(?:\s+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?$")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T][0-9:.]*)?$")]
    private static partial Regex Iso();

    [GeneratedRegex(@"^([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})$")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"^[0-9]{4}$")]
    private static partial Regex YearOnly();

    /// <summary>Null for an empty cell; otherwise the date or why it is not one (Vietnamese).</summary>
    public static (ImportDate? Date, string? Error) Read(object? value, DateOnly today)
    {
        switch (value)
        {
            case null:
                return (null, null);
            case DateTime dt:
                return Check(new ImportDate(DateOnly.FromDateTime(dt), DatePrecision.Day));
            case DateOnly d:
                return Check(new ImportDate(d, DatePrecision.Day));
            case double or float or decimal or int or long:
                return FromNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case bool:
                return (null, "không phải là ngày");
        }
        var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
        if (text.Length == 0) return (null, null);
        // Other scripts' digits (full-width "１９８０" from a phone keyboard) read as the ASCII ones they mean.
        text = AsciiDigits(text);
        if (YearOnly().IsMatch(text))
        {
            var y = int.Parse(text, CultureInfo.InvariantCulture);
            return y is < 1900 or > 2199 ? (null, $"năm {y} nằm ngoài khoảng 1900–2199") : (new ImportDate(new DateOnly(y, 1, 1), DatePrecision.Year), null);
        }
        if (DayMonthYear().Match(text) is { Success: true } m)
        {
            var year = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            // Two digits: the latest year not after this one ("80" → 1980, "05" → 2005), as a person's dates are past.
            if (m.Groups[3].Value.Length == 2) year += year + 2000 <= today.Year ? 2000 : 1900;
            return Make(year, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), DatePrecision.Day, text);
        }
        if (Iso().Match(text) is { Success: true } iso)
            return Make(int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture),
                int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture), DatePrecision.Day, text);
        if (MonthYear().Match(text) is { Success: true } my)
            return Make(int.Parse(my.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(my.Groups[1].Value, CultureInfo.InvariantCulture), 1, DatePrecision.Month, text);
        // A serial number typed as text (a column copied from another program): digits and a decimal point, no exponent.
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n)) return FromNumber(n);
        return (null, $"“{Shorten(text)}” không phải là ngày; hãy ghi {Formats}");
    }

    private static (ImportDate?, string?) FromNumber(double n)
    {
        // A year typed into a number cell: no serial of 1900–2199 falls on a date anyone in a register has (1905).
        if (n == Math.Floor(n) && n is >= 1900 and <= 2199) return Check(new ImportDate(new DateOnly((int)n, 1, 1), DatePrecision.Year));
        // Excel's serials of 1900–2199 (1 = 01/01/1900); 60 is the 29/02/1900 Excel believes in.
        if (n is >= 1 and < 109_574)
            return Check(new ImportDate(DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(n))), DatePrecision.Day));
        return (null, $"“{n.ToString(CultureInfo.InvariantCulture)}” không phải là ngày; hãy ghi {Formats}");
    }

    private static (ImportDate?, string?) Make(int year, int month, int day, DatePrecision p, string text)
    {
        if (month is < 1 or > 12 || day < 1 || year is < 1 or > 9999 || day > DateTime.DaysInMonth(year, month))
            return (null, $"“{Shorten(text)}” không phải là ngày có thật (ghi theo thứ tự ngày/tháng/năm)");
        return Check(new ImportDate(new DateOnly(year, month, day), p));
    }

    private static (ImportDate?, string?) Check(ImportDate d) =>
        d.Date.Year is < 1900 or > 2199 ? (null, $"năm {d.Date.Year} nằm ngoài khoảng 1900–2199") : (d, null);

    private static string AsciiDigits(string text)
    {
        if (text.All(c => c < 128)) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
            if (chars[i] >= 128 && char.IsDigit(chars[i])) chars[i] = (char)('0' + (int)char.GetNumericValue(chars[i]));
        return new string(chars);
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
