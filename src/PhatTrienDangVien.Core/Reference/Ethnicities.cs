using PhatTrienDangVien.Core.Text;

namespace PhatTrienDangVien.Core.Reference;

/// <summary>
/// The 54 ethnic groups of Vietnam with the codes of the General Statistics Office's list
/// (Quyết định 121-TCTK/PPCĐ ngày 02/3/1979, the order also used in the 2019 census tables): 01 Kinh … 54 Rơ-măm.
/// </summary>
/// <remarks>
/// Beware: the later GSO list (Quyết định 1019/QĐ-TCTK, 2008) renumbered some groups (04 Mường, 06 Hoa, …).
/// Data imported from systems using that list must be mapped by name (<see cref="FindByName"/>), not by code.
/// Names follow the census spelling; common variants are accepted as aliases when searching by name.
/// </remarks>
public static class Ethnicities
{
    /// <summary>Code of the Kinh (Việt) majority.</summary>
    public const string KinhCode = "01";

    /// <summary>All 54 groups in code order.</summary>
    public static IReadOnlyList<ReferenceItem> All { get; } =
    [
        new("01", "Kinh"),
        new("02", "Tày"),
        new("03", "Thái"),
        new("04", "Hoa"),
        new("05", "Khơ-me"),
        new("06", "Mường"),
        new("07", "Nùng"),
        new("08", "Mông"),
        new("09", "Dao"),
        new("10", "Gia-rai"),
        new("11", "Ngái"),
        new("12", "Ê-đê"),
        new("13", "Ba-na"),
        new("14", "Xơ-đăng"),
        new("15", "Sán Chay"),
        new("16", "Cơ-ho"),
        new("17", "Chăm"),
        new("18", "Sán Dìu"),
        new("19", "Hrê"),
        new("20", "Mnông"),
        new("21", "Ra-glai"),
        new("22", "Xtiêng"),
        new("23", "Bru-Vân Kiều"),
        new("24", "Thổ"),
        new("25", "Giáy"),
        new("26", "Cơ-tu"),
        new("27", "Gié-Triêng"),
        new("28", "Mạ"),
        new("29", "Khơ-mú"),
        new("30", "Co"),
        new("31", "Tà-ôi"),
        new("32", "Chơ-ro"),
        new("33", "Kháng"),
        new("34", "Xinh-mun"),
        new("35", "Hà Nhì"),
        new("36", "Chu-ru"),
        new("37", "Lào"),
        new("38", "La Chí"),
        new("39", "La Ha"),
        new("40", "Phù Lá"),
        new("41", "La Hủ"),
        new("42", "Lự"),
        new("43", "Lô Lô"),
        new("44", "Chứt"),
        new("45", "Mảng"),
        new("46", "Pà Thẻn"),
        new("47", "Cơ Lao"),
        new("48", "Cống"),
        new("49", "Bố Y"),
        new("50", "Si La"),
        new("51", "Pu Péo"),
        new("52", "Brâu"),
        new("53", "Ơ Đu"),
        new("54", "Rơ-măm"),
    ];

    // Spellings seen in citizen records and older lists that mean the same group (matched after folding).
    private static readonly (string Alias, string Code)[] s_aliases =
    [
        ("Việt", "01"),
        ("Kinh (Việt)", "01"),
        ("Hán", "04"),
        ("Khmer", "05"),
        ("Khơ me", "05"),
        ("Hmông", "08"),
        ("H'Mông", "08"),
        ("Mèo", "08"),
        ("Gia Lai", "10"),
        ("Ê Đê", "12"),
        ("Ba Na", "13"),
        ("Bana", "13"),
        ("Cơ Ho", "16"),
        ("Chàm", "17"),
        ("Raglai", "21"),
        ("Ra Glai", "21"),
        ("Stiêng", "22"),
        ("Bru Vân Kiều", "23"),
        ("Vân Kiều", "23"),
        ("Cơ Tu", "26"),
        ("Giẻ Triêng", "27"),
        ("Gié Triêng", "27"),
        ("Khơ Mú", "29"),
        ("Khmu", "29"),
        ("Tà Ôi", "31"),
        ("Ta Ôi", "31"),
        ("Chơ Ro", "32"),
        ("Xinh Mun", "34"),
        ("Chu Ru", "36"),
        ("La Chi", "38"),
        ("Co Lao", "47"),
        ("Rơ Măm", "54"),
    ];

    private static readonly Dictionary<string, ReferenceItem> s_byCode = All.ToDictionary(e => e.Code, StringComparer.Ordinal);

    private static readonly Dictionary<string, ReferenceItem> s_byFoldedName = BuildNameIndex();

    /// <summary>The group with this code, or null.</summary>
    public static ReferenceItem? Find(string? code) =>
        code is not null && s_byCode.TryGetValue(code.Trim(), out var item) ? item : null;

    /// <summary>
    /// The group for a name as typed or imported ("Khmer", "Ê Đê", "ê-đê", "H'Mông"…), ignoring case, diacritics,
    /// hyphens and spaces; null when unknown.
    /// </summary>
    public static ReferenceItem? FindByName(string? name) =>
        s_byFoldedName.GetValueOrDefault(NameKey(name));

    /// <summary>True for the Kinh majority.</summary>
    public static bool IsKinh(string? code) => code?.Trim() == KinhCode;

    /// <summary>True for a known code other than Kinh (dân tộc thiểu số); false for Kinh, null or unknown codes.</summary>
    public static bool IsMinority(string? code) => Find(code) is { } item && item.Code != KinhCode;

    private static Dictionary<string, ReferenceItem> BuildNameIndex()
    {
        var index = new Dictionary<string, ReferenceItem>(StringComparer.Ordinal);
        foreach (var item in All)
        {
            index.Add(NameKey(item.Name), item);
        }

        foreach (var (alias, code) in s_aliases)
        {
            index.TryAdd(NameKey(alias), s_byCode[code]);
        }

        return index;
    }

    // Hyphens, apostrophes and spaces are written inconsistently ("Ê-đê", "Ê Đê", "Êđê"), so they are dropped.
    private static string NameKey(string? name) =>
        string.Concat(VietnameseText.Fold(name).Where(char.IsLetterOrDigit));
}
