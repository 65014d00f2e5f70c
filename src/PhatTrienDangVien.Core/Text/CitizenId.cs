using System.Globalization;
using PhatTrienDangVien.Core.Reference;

namespace PhatTrienDangVien.Core.Text;

/// <summary>Result of <see cref="CitizenId.Check"/>.</summary>
/// <param name="IsValid">12 digits with a known province code.</param>
/// <param name="Normalized">The digits with white space removed (set whenever the input has 12 digits), for storage.</param>
/// <param name="Error">Why the number is not valid (Vietnamese), or null.</param>
/// <param name="Warnings">Contradictions with the recorded gender/birth year (Vietnamese); a valid number may have them.</param>
/// <param name="ProvinceCode">Digits 1–3, when the input has 12 digits.</param>
/// <param name="DecodedGender">Gender from digit 4, when the input has 12 digits.</param>
/// <param name="DecodedBirthYear">Birth year from digits 4–6, when the input has 12 digits.</param>
public sealed record CitizenIdCheck(
    bool IsValid,
    string? Normalized,
    string? Error,
    IReadOnlyList<string> Warnings,
    string? ProvinceCode,
    Gender? DecodedGender,
    int? DecodedBirthYear);

/// <summary>
/// Checks the 12-digit citizen identity number (số CCCD / số định danh cá nhân), structure per
/// Thông tư 07/2016/TT-BCA and Thông tư 59/2021/TT-BCA: digits 1–3 province of birth registration, digit 4 sex and
/// century of birth, digits 5–6 last two digits of the birth year, digits 7–12 a random serial.
/// </summary>
/// <remarks>
/// Digit 4: 0 male / 1 female for 1900–1999, 2/3 for 2000–2099, 4/5 for 2100–2199, 6/7 for 2200–2299,
/// 8/9 for 2300–2399. There is no check digit, so a typo in the serial cannot be detected; mismatches with the
/// recorded gender and birth year are reported as warnings, not errors, because the recorded data may be the wrong
/// side and a clerk must be able to save and fix it later.
/// </remarks>
public static class CitizenId
{
    /// <summary>Number of digits in a citizen identity number.</summary>
    public const int Length = 12;

    /// <summary>Checks <paramref name="value"/>; <paramref name="birthYear"/> and <paramref name="gender"/> are the recorded data, if known.</summary>
    public static CitizenIdCheck Check(string? value, int? birthYear, Gender? gender)
    {
        var digits = Normalize(value);
        if (digits is null)
        {
            return Invalid(string.IsNullOrWhiteSpace(value) ? "Chưa nhập số CCCD." : "Số CCCD phải gồm đúng 12 chữ số.");
        }

        var provinceCode = digits[..3];
        var centuryDigit = digits[3] - '0';
        var decodedGender = centuryDigit % 2 == 0 ? Gender.Male : Gender.Female;
        var decodedYear = 1900 + (centuryDigit / 2 * 100) + int.Parse(digits.AsSpan(4, 2), CultureInfo.InvariantCulture);

        var warnings = new List<string>();
        if (gender is { } recordedGender && recordedGender != decodedGender)
        {
            warnings.Add(
                $"Chữ số thứ 4 của số CCCD ({digits[3]}) ứng với giới tính {GenderName(decodedGender)}, "
                + $"khác giới tính đã khai ({GenderName(recordedGender)}).");
        }

        if (birthYear is { } year)
        {
            if (FloorDiv(year - 1900, 100) != centuryDigit / 2)
            {
                warnings.Add(
                    $"Chữ số thứ 4 của số CCCD ({digits[3]}) ứng với người sinh năm {CenturyRange(centuryDigit)}, "
                    + $"khác năm sinh đã khai ({year}).");
            }

            if (((year % 100) + 100) % 100 != decodedYear % 100)
            {
                warnings.Add(
                    $"Chữ số thứ 5–6 của số CCCD ({digits.Substring(4, 2)}) phải trùng hai số cuối năm sinh "
                    + $"({year}).");
            }
        }

        var province = CitizenIdProvinces.Find(provinceCode);
        var error = province is null
            ? $"Mã tỉnh, thành phố ({provinceCode}) ở 3 chữ số đầu của số CCCD không có trong danh mục."
            : null;

        return new CitizenIdCheck(error is null, digits, error, warnings, provinceCode, decodedGender, decodedYear);
    }

    /// <summary>
    /// The number with white space (including non-breaking spaces) removed, or null when the result is not exactly
    /// 12 ASCII digits. Does not check the province code.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (value is null)
        {
            return null;
        }

        Span<char> buffer = stackalloc char[Length];
        var count = 0;
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == Length)
            {
                return null;
            }

            buffer[count++] = c;
        }

        return count == Length ? new string(buffer) : null;
    }

    private static CitizenIdCheck Invalid(string error) => new(false, null, error, [], null, null, null);

    private static string GenderName(Gender gender) => gender == Gender.Male ? "Nam" : "Nữ";

    private static string CenturyRange(int centuryDigit)
    {
        var start = 1900 + (centuryDigit / 2 * 100);
        return $"{start}–{start + 99}";
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}
