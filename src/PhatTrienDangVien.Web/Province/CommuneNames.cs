using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// A commune's name without the "Đảng bộ xã" before it, and the key two names are compared by. One list of the words
/// a name may start with, so that "is this name taken" and "what a moved cell carries after its name" agree.
/// </summary>
public static class CommuneNames
{
    // Folded (no diacritics, lower case); the longest first so that "Đảng bộ xã" wins over "Đảng bộ".
    private static readonly string[] s_prefixes = ["dang bo xa ", "dang bo phuong ", "dang bo thi tran ", "dang bo ", "xa ", "phuong ", "thi tran "];

    /// <summary>"Đảng bộ xã Nhơn Hưng" (or "dang bo xa Nhơn Hưng") → "Nhơn Hưng", spaces normalised, diacritics kept.</summary>
    public static string WithoutPrefix(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = VietnameseText.Normalize(name) ?? "";
        var folded = VietnameseText.Fold(normalized);
        foreach (var prefix in s_prefixes)
        {
            if (!folded.StartsWith(prefix, StringComparison.Ordinal) || folded.Length == prefix.Length) continue;
            // Cut by words, not characters: folding may change a text's length (combining marks).
            var words = normalized.Split(' ');
            return string.Join(' ', words.Skip(prefix.Count(c => c == ' ')));
        }
        return normalized;
    }

    /// <summary>What two commune names are compared by: short, without diacritics or case.</summary>
    public static string Key(string name) => VietnameseText.Fold(WithoutPrefix(name));
}
