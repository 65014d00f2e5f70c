using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Web.Province;

/// <summary>
/// The province an installation serves, set by whoever deploys it (<c>Province__Committee=An Giang</c> in the unit's
/// environment, or <c>"Province": { "Committee": "Tỉnh ủy An Giang" }</c>): the province board's reports are headed by
/// its committee, as a paper of the board is ("TỈNH ỦY AN GIANG" over "BAN TỔ CHỨC"). A setting and not a page: it is
/// the same for every server and every commune, and is known on the day the installation is made.
/// </summary>
public sealed class ProvinceOptions
{
    public const string Section = "Province";

    /// <summary>"An Giang", "Tỉnh ủy An Giang" or "Thành ủy Cần Thơ"; empty on a commune's own installation.</summary>
    public string? Committee { get; set; }

    /// <summary>The head of the board's reports, one line per line of the printed head.</summary>
    public string ReportCommittee => Head(Committee);

    public static string Head(string? committee)
    {
        var name = VietnameseText.Normalize(committee) ?? "";
        if (name.Length == 0) return "Ban Tổ chức Tỉnh ủy";
        var folded = VietnameseText.Fold(name);
        // A name typed with its committee stays as typed: a city's is "Thành ủy", not "Tỉnh ủy".
        var full = folded.StartsWith("tinh uy ", StringComparison.Ordinal) || folded.StartsWith("thanh uy ", StringComparison.Ordinal)
            ? name : "Tỉnh ủy " + name;
        return full + "\nBan Tổ chức";
    }
}
