using System.Globalization;

namespace PhatTrienDangVien.Core.Reference;

/// <summary>
/// General education (Giáo dục phổ thông) as the grade completed out of 12, written "9/12" on Party forms.
/// </summary>
/// <remarks>
/// Older members may have studied under the 10-year system ("7/10"); such values are out of scope for new
/// admissions and are not accepted by <see cref="TryParseGeneral"/>.
/// </remarks>
public static class EducationLevels
{
    /// <summary>Highest grade of the 12-year system.</summary>
    public const int MaxGrade = 12;

    /// <summary>Grades 1…12.</summary>
    public static IReadOnlyList<int> GeneralGrades { get; } = Enumerable.Range(1, MaxGrade).ToArray();

    /// <summary>"9/12" for grade 9.</summary>
    public static string FormatGeneral(int grade)
    {
        // A stored grade no form accepts (an old import, an edited database) reads as such; the page still opens.
        if (grade is < 1 or > MaxGrade) return string.Create(CultureInfo.InvariantCulture, $"{grade} (không hợp lệ)");
        return string.Create(CultureInfo.InvariantCulture, $"{grade}/{MaxGrade}");
    }

    /// <summary>Reads "9/12", "9 / 12" or a bare "9"; false for anything else.</summary>
    public static bool TryParseGeneral(string? text, out int grade)
    {
        grade = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length > 2 || (parts.Length == 2 && parts[1] != "12"))
        {
            return false;
        }

        if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            && parsed is >= 1 and <= MaxGrade)
        {
            grade = parsed;
            return true;
        }

        return false;
    }
}

/// <summary>Professional education (Giáo dục nghề nghiệp / chuyên môn), lowest first; use <see cref="ReferenceLists.RankOf"/> to compare.</summary>
public static class ProfessionalEducationLevels
{
    /// <summary>All levels in ascending order.</summary>
    public static IReadOnlyList<ReferenceItem> All { get; } =
    [
        new("KHONG", "Không"),
        new("SO_CAP", "Sơ cấp"),
        new("TRUNG_CAP", "Trung cấp"),
        new("CAO_DANG", "Cao đẳng"),
        new("DAI_HOC", "Đại học"),
        new("THAC_SI", "Thạc sĩ"),
        new("TIEN_SI", "Tiến sĩ"),
    ];

    /// <summary>The level with this code, or null.</summary>
    public static ReferenceItem? Find(string? code) => All.FindCode(code);
}

/// <summary>Political theory (Lý luận chính trị), lowest first; use <see cref="ReferenceLists.RankOf"/> to compare.</summary>
public static class PoliticalTheoryLevels
{
    /// <summary>All levels in ascending order.</summary>
    public static IReadOnlyList<ReferenceItem> All { get; } =
    [
        new("CHUA_DAO_TAO", "Chưa qua đào tạo"),
        new("SO_CAP", "Sơ cấp"),
        new("TRUNG_CAP", "Trung cấp"),
        new("CAO_CAP", "Cao cấp"),
        new("CU_NHAN", "Cử nhân"),
    ];

    /// <summary>The level with this code, or null.</summary>
    public static ReferenceItem? Find(string? code) => All.FindCode(code);
}
