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
        // "Ban Tổ chức Tỉnh ủy An Giang" names the board, not the province: the board's line is added below anyway.
        const string board = "ban to chuc ";
        if ((VietnameseText.Fold(name) + " ").StartsWith(board, StringComparison.Ordinal)) name = name[Math.Min(name.Length, board.Length)..].Trim();
        var folded = VietnameseText.Fold(name);
        // No province named: the board's own name alone.
        if (name.Length == 0 || folded is "tinh uy" or "thanh uy") return "Ban Tổ chức Tỉnh ủy";
        string full;
        // A name typed with its committee stays as typed; a city's committee is "Thành ủy" ("Thành phố Hồ Chí Minh" →
        // "Thành ủy Thành phố Hồ Chí Minh"), a province's "Tỉnh ủy" ("Tỉnh An Giang" → "Tỉnh ủy An Giang").
        if (folded.StartsWith("tinh uy ", StringComparison.Ordinal) || folded.StartsWith("thanh uy ", StringComparison.Ordinal)) full = name;
        else if (folded.StartsWith("thanh pho ", StringComparison.Ordinal)) full = "Thành ủy " + name;
        else if (folded.StartsWith("tinh ", StringComparison.Ordinal)) full = "Tỉnh ủy " + name["tinh ".Length..];
        else full = "Tỉnh ủy " + name;
        return full + "\nBan Tổ chức";
    }
}
