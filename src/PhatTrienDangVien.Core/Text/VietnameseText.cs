using System.Globalization;
using System.Text;

namespace PhatTrienDangVien.Core.Text;

/// <summary>
/// Normalisation, search folding, sorting and casing of Vietnamese text (mostly personal names).
/// </summary>
public static class VietnameseText
{
    private static readonly CultureInfo s_vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// Canonical form for storage: Unicode NFC, trimmed, every run of white space (tabs, line breaks,
    /// non-breaking spaces) collapsed to one ASCII space. Null, empty or blank input gives null.
    /// </summary>
    /// <remarks>
    /// Text pasted from Word/Excel or typed with some input methods arrives decomposed (NFD: "e" + U+0302 + U+0301)
    /// and must compare equal to the precomposed form, hence NFC. Zero-width spaces, BOMs and soft hyphens that
    /// Word leaves behind are invisible to the user but break equality, so they are removed.
    /// </remarks>
    public static string? Normalize(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        var composed = Compose(s);
        var builder = new StringBuilder(composed.Length);
        var pendingSpace = false;
        foreach (var c in composed)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// NFC of the text. .NET refuses to normalise text holding a lone surrogate or some noncharacters (U+FFFE): the
    /// parts between them are normalised and they are kept where they are, so that a typed search finds nothing
    /// instead of failing, and the input checks (TypedText in the web project) still see them and refuse them by name.
    /// </summary>
    private static string Compose(string s) => NormalizeKeepingInvalid(s, NormalizationForm.FormC);

    private static string NormalizeKeepingInvalid(string s, NormalizationForm form)
    {
        if (!HasInvalid(s)) return s.IsNormalized(form) ? s : s.Normalize(form);
        var result = new StringBuilder(s.Length);
        var segment = new StringBuilder();
        var rest = s.AsSpan();
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(rest, out var rune, out var used);
            used = Math.Max(used, 1);
            if (status == System.Buffers.OperationStatus.Done && !IsNoncharacter(rune.Value)) segment.Append(rest[..used]);
            else
            {
                result.Append(segment.ToString().Normalize(form)).Append(rest[..used]);
                segment.Clear();
            }
            rest = rest[used..];
        }
        return result.Append(segment.ToString().Normalize(form)).ToString();
    }

    private static bool HasInvalid(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                if (IsNoncharacter(char.ConvertToUtf32(c, s[i + 1]))) return true;
                i++;
                continue;
            }
            if (char.IsSurrogate(c) || IsNoncharacter(c)) return true;
        }
        return false;
    }

    private static bool IsNoncharacter(int codePoint) => (codePoint & 0xFFFE) == 0xFFFE || codePoint is >= 0xFDD0 and <= 0xFDEF;

    /// <summary>
    /// Search key: lower case, no tone or letter marks, đ → d, single spaces, trimmed.
    /// "Nguyễn Văn Đức" → "nguyen van duc". Null or blank gives "".
    /// </summary>
    /// <remarks>
    /// Users type names without diacritics (or with the tone on a different vowel: "Hoà"/"Hòa"), so search compares
    /// folded forms on both sides. Đ has no Unicode decomposition and must be mapped by hand; the look-alike
    /// Icelandic eth (Ð/ð) that some converters produce is treated the same way.
    /// </remarks>
    public static string Fold(string? s)
    {
        var normalized = Normalize(s);
        if (normalized is null)
        {
            return string.Empty;
        }

        var decomposed = NormalizeKeepingInvalid(normalized.ToLowerInvariant(), NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c is 'đ' or 'ð' ? 'd' : c);
        }

        // Composition is a no-op for the remaining text except for non-Latin scripts, which keep their NFC form.
        return NormalizeKeepingInvalid(builder.ToString(), NormalizationForm.FormC);
    }

    /// <summary>
    /// Upper-cases a name with Vietnamese casing rules, for "HỌ VÀ TÊN (IN HOA)" on forms. The result is normalised.
    /// </summary>
    public static string ToUpperName(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var normalized = Normalize(s);
        return normalized is null ? string.Empty : normalized.ToUpper(s_vietnamese);
    }

    /// <summary>
    /// Splits a full name the Vietnamese way: the first word is the family name (họ), the last word the given name
    /// (tên), everything between is the middle name (tên đệm). A one-word name is a given name only.
    /// Parts are normalised; missing parts are "".
    /// </summary>
    /// <remarks>
    /// Compound family names ("Tôn Nữ", "Âu Dương") cannot be told apart from middle names without a dictionary,
    /// so they end up in the middle part; this only affects the last sorting tie-break.
    /// </remarks>
    public static (string Family, string Middle, string Given) SplitName(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        var normalized = Normalize(fullName);
        if (normalized is null)
        {
            return (string.Empty, string.Empty, string.Empty);
        }

        var firstSpace = normalized.IndexOf(' ', StringComparison.Ordinal);
        if (firstSpace < 0)
        {
            return (string.Empty, string.Empty, normalized);
        }

        var lastSpace = normalized.LastIndexOf(' ');
        var family = normalized[..firstSpace];
        var given = normalized[(lastSpace + 1)..];
        var middle = lastSpace > firstSpace ? normalized[(firstSpace + 1)..lastSpace] : string.Empty;
        return (family, middle, given);
    }

    /// <summary>
    /// A pure-ASCII key whose ordinal (byte-wise, SQLite BINARY) order sorts full names the Vietnamese way:
    /// by given name, then the middle names in order, then the family name. See <see cref="VietnameseNameSortKey"/>.
    /// </summary>
    public static string NameSortKey(string fullName) => VietnameseNameSortKey.Build(fullName);

    private static bool IsInvisible(char c) => c is '\u200B' or '\uFEFF' or '\u00AD' or '\u2060';
}
