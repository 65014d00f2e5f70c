using System.Text;

namespace PhatTrienDangVien.Web.Pages.Shared;

public static class Csv
{
    // A leading =, +, - or @ would run as a formula when the file is opened in Excel.
    public static string Escape(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal)) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>UTF-8 with a byte-order mark, so Excel shows the Vietnamese letters.</summary>
    public static byte[] Encode(string text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
}
