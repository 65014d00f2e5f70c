using System.Text;
using System.Xml;

namespace PhatTrienDangVien.Web.Application;

/// <summary>
/// What text typed by a person (a form, an API body, a cell of an imported sheet) may hold. Everything typed ends up in
/// a list, an .xlsx file or a printed .docx, so a character that could hide or reorder what those show, or that XML
/// cannot carry at all, is refused where it comes in rather than breaking a file later.
/// </summary>
public static class TypedText
{
    public const string ForbiddenMessage = "chứa ký tự điều khiển, ký tự ẩn hoặc ký tự đảo chiều văn bản không được phép; hãy gõ lại.";

    /// <summary>True when the text holds a character refused in typed text (see <see cref="IsForbidden(char)"/> and lone surrogates).</summary>
    public static bool HasForbidden(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (char.IsSurrogate(c) || IsForbidden(c)) return true;
        }
        return false;
    }

    /// <summary>
    /// Control characters (line breaks and tabs aside); direction overrides, isolates and marks (U+202A–U+202E,
    /// U+2066–U+2069, U+200E, U+200F, U+061C), which reorder or hide what a list or a printed form shows; the byte-order
    /// mark U+FEFF; and the noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF), which XML 1.0 cannot hold or which no
    /// keyboard types.
    /// </summary>
    public static bool IsForbidden(char c) =>
        (char.IsControl(c) && c is not ('\r' or '\n' or '\t'))
        || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C' or '\uFEFF'
        || c is '\uFFFE' or '\uFFFF' or >= '\uFDD0' and <= '\uFDEF';

    /// <summary>
    /// A file's name as the user's computer sent it, fit to store and show: the last part of any path, without the
    /// characters refused in typed text (a right-to-left override makes "ds\u202Exslx.exe" read "dsexe.xlsx" on a
    /// list), in NFC; <paramref name="fallback"/> when nothing is left.
    /// </summary>
    public static string FileName(string? name, string fallback)
    {
        var kept = new StringBuilder();
        var last = Path.GetFileName(name ?? "");
        for (var i = 0; i < last.Length; i++)
        {
            var c = last[i];
            if (char.IsHighSurrogate(c) && i + 1 < last.Length && char.IsLowSurrogate(last[i + 1])) { kept.Append(c).Append(last[++i]); continue; }
            if (!char.IsSurrogate(c) && !IsForbidden(c)) kept.Append(c);
        }
        var clean = Core.Text.VietnameseText.Normalize(kept.ToString());
        return string.IsNullOrEmpty(clean) ? fallback : clean;
    }

    /// <summary>
    /// The text with every character XML 1.0 cannot carry dropped: the net under the files the software writes, for a
    /// value stored before its input was checked (an audit row keeps it for ever).
    /// </summary>
    public static string XmlSafe(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsXmlSafe(text)) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)) { sb.Append(c).Append(text[i + 1]); i++; }
            else if (XmlConvert.IsXmlChar(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsXmlSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c)) continue;
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)) { i++; continue; }
            return false;
        }
        return true;
    }
}
