namespace PhatTrienDangVien.Core.Reference;

/// <summary>
/// Religions for the "Tôn giáo" field: "Không" plus the religions recognised by the State (Ban Tôn giáo Chính phủ),
/// and "Khác" for anything not listed.
/// </summary>
/// <remarks>
/// The codes are this application's own (no official code list is in common use at commune level): two digits,
/// "00" = none, "99" = other, never reused. Folk beliefs (thờ cúng tổ tiên) are not a religion and map to "Không".
/// Minh Sư đạo is recognised as the organisation "Phật đường Nam tông Minh Sư đạo", so it has one entry.
/// </remarks>
public static class Religions
{
    /// <summary>Code for no religion.</summary>
    public const string NoneCode = "00";

    /// <summary>Code for a religion not in the list.</summary>
    public const string OtherCode = "99";

    /// <summary>All entries; "Không" first and "Khác" last, the rest by number of followers (roughly).</summary>
    public static IReadOnlyList<ReferenceItem> All { get; } =
    [
        new(NoneCode, "Không"),
        new("01", "Phật giáo"),
        new("02", "Công giáo"),
        new("03", "Tin Lành"),
        new("04", "Cao Đài"),
        new("05", "Phật giáo Hòa Hảo"),
        new("06", "Hồi giáo"),
        new("07", "Bahá'í"),
        new("08", "Tịnh độ Cư sĩ Phật hội Việt Nam"),
        new("09", "Bửu Sơn Kỳ Hương"),
        new("10", "Tứ Ân Hiếu Nghĩa"),
        new("11", "Phật đường Nam tông Minh Sư đạo"),
        new("12", "Minh Lý đạo - Tam Tông Miếu"),
        new("13", "Bà-la-môn"),
        new("14", "Cơ đốc Phục lâm"),
        new("15", "Mặc môn"),
        new("16", "Phật hội Hiếu Nghĩa Tà Lơn"),
        new(OtherCode, "Khác"),
    ];

    /// <summary>The entry with this code, or null.</summary>
    public static ReferenceItem? Find(string? code) => All.FindCode(code);

    /// <summary>True for "Không" (and for an empty value).</summary>
    public static bool IsNone(string? code) => string.IsNullOrWhiteSpace(code) || code.Trim() == NoneCode;
}
