using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// A commune's name without the "Đảng bộ xã" before it, and the key two names are compared by. One list of the words
/// a name may start with, so that "is this name taken" and "what a moved cell carries after its name" agree.
/// </summary>
public static class CommuneNames
{
    // In lower case, the longest first so that "Đảng bộ xã" wins over "Đảng bộ". A prefix counts written with its
    // diacritics or with none at all, never with others: "Phương Thạnh" and "Xà Phiên" are names, not "phường" or "xã".
    private static readonly string[] s_prefixes = ["đảng bộ xã", "đảng bộ phường", "đảng bộ thị trấn", "đảng bộ", "xã", "phường", "thị trấn"];

    /// <summary>"Đảng bộ xã Nhơn Hưng" (or "dang bo xa Nhơn Hưng") → "Nhơn Hưng", spaces normalised, diacritics kept.</summary>
    public static string WithoutPrefix(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = VietnameseText.Normalize(name) ?? "";
        var words = normalized.Split(' ');
        var lower = words.Select(w => w.ToLowerInvariant()).ToArray();
        foreach (var prefix in s_prefixes)
        {
            var parts = prefix.Split(' ');
            // Something must be left after the prefix ("Xã" alone is refused as a name, IsPrefixOnly).
            if (words.Length <= parts.Length) continue;
            var typed = lower.Take(parts.Length).ToArray();
            var accented = typed.SequenceEqual(parts);
            var bare = typed.SequenceEqual(parts.Select(p => VietnameseText.Fold(p)));
            if (accented || bare) return string.Join(' ', words.Skip(parts.Length));
        }
        return normalized;
    }

    /// <summary>Whether the name is only the words before a commune's name ("Đảng bộ xã", "Xã"): no name was typed.</summary>
    public static bool IsPrefixOnly(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // As WithoutPrefix reads a prefix: with its diacritics or with none ("Xà" is a name).
        var lower = (VietnameseText.Normalize(name) ?? "").ToLowerInvariant();
        return s_prefixes.Any(p => lower == p || lower == VietnameseText.Fold(p));
    }

    /// <summary>
    /// The name as the lists show it: "Nhơn Hưng" typed alone becomes "Đảng bộ xã Nhơn Hưng", beside the others; a name
    /// typed with its words before it ("Đảng bộ phường …", "Xã …") stays as typed, and so does a prefix alone ("Xã" is
    /// no name, and "Đảng bộ xã Xã" would hide that from the check that refuses it).
    /// </summary>
    public static string Full(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = VietnameseText.Normalize(name) ?? "";
        return normalized.Length == 0 || IsPrefixOnly(normalized) || WithoutPrefix(normalized) != normalized
            ? normalized : "Đảng bộ xã " + normalized;
    }

    /// <summary>What two commune names are compared by: short, without diacritics or case.</summary>
    public static string Key(string name) => VietnameseText.Fold(WithoutPrefix(name));
}
