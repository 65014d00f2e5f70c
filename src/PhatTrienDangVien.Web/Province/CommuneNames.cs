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

    // How each prefix is shown: the committee's name, as the other communes' ("xã Mỹ Hòa" is "Đảng bộ xã Mỹ Hòa").
    private static readonly string[] s_shown = ["Đảng bộ xã", "Đảng bộ phường", "Đảng bộ thị trấn", "Đảng bộ", "Đảng bộ xã", "Đảng bộ phường", "Đảng bộ thị trấn"];

    /// <summary>"Đảng bộ xã Nhơn Hưng" (or "dang bo xa Nhơn Hưng") → "Nhơn Hưng", spaces normalised, diacritics kept.</summary>
    public static string WithoutPrefix(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = VietnameseText.Normalize(name) ?? "";
        return Split(normalized) is { } split ? split.Name : normalized;
    }

    /// <summary>The prefix a normalised name starts with (its index in the list) and the words after it.</summary>
    private static (int Prefix, string Name)? Split(string normalized)
    {
        var words = normalized.Split(' ');
        var lower = words.Select(w => w.ToLowerInvariant()).ToArray();
        for (var i = 0; i < s_prefixes.Length; i++)
        {
            var parts = s_prefixes[i].Split(' ');
            // Something must be left after the prefix ("Xã" alone is refused as a name, IsPrefixOnly).
            if (words.Length <= parts.Length) continue;
            var typed = lower.Take(parts.Length).ToArray();
            var accented = typed.SequenceEqual(parts);
            var bare = typed.SequenceEqual(parts.Select(p => VietnameseText.Fold(p)));
            if (accented || bare) return (i, string.Join(' ', words.Skip(parts.Length)));
        }
        return null;
    }

    /// <summary>Whether the name is only the words before a commune's name ("Đảng bộ xã", "Xã", or one after the other,
    /// "Xã Xã"): no name was typed.</summary>
    public static bool IsPrefixOnly(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        // As WithoutPrefix reads a prefix: with its diacritics or with none ("Xà" is a name).
        var normalized = VietnameseText.Normalize(name) ?? "";
        var lower = normalized.ToLowerInvariant();
        if (s_prefixes.Any(p => lower == p || lower == VietnameseText.Fold(p))) return true;
        var rest = WithoutPrefix(normalized);
        return rest != normalized && IsPrefixOnly(rest);
    }

    /// <summary>
    /// The name as the lists show it, beside the others: "Nhơn Hưng" typed alone, or "xã nhơn hưng", becomes "Đảng bộ xã
    /// Nhơn Hưng" (a place's name has each word capitalised); "phường An Nhơn" becomes "Đảng bộ phường An Nhơn"; a name
    /// after "Đảng bộ" alone (an agency's committee) is kept as typed. A prefix alone stays as typed ("Xã" is no name,
    /// and "Đảng bộ xã Xã" would hide that from the check that refuses it).
    /// </summary>
    public static string Full(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = VietnameseText.Normalize(name) ?? "";
        if (normalized.Length == 0 || IsPrefixOnly(normalized)) return normalized;
        if (Split(normalized) is not { } split) return "Đảng bộ xã " + Place(normalized);
        return s_shown[split.Prefix] + " " + (s_prefixes[split.Prefix] == "đảng bộ" ? split.Name : Place(split.Name));
    }

    private static string Place(string words) =>
        string.Join(' ', words.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpper(w[0], System.Globalization.CultureInfo.GetCultureInfo("vi-VN")) + w[1..]));

    /// <summary>What two commune names are compared by: short, without diacritics or case.</summary>
    public static string Key(string name) => VietnameseText.Fold(WithoutPrefix(name));
}
