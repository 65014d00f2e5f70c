using System.Text;

namespace PhatTrienDangVien.Core.Text;

/// <summary>
/// Vietnamese mobile phone numbers: 10 digits starting with 0 (e.g. 0912 345 678), also written +84 912 345 678.
/// </summary>
/// <remarks>
/// Since 2018 every Vietnamese mobile number has 10 digits; landlines have 11 (0243 xxx xxxx) and are deliberately
/// rejected, because the app needs a number that can receive calls and SMS from the Party committee.
/// A second digit of 0 is rejected too: "00…" is the international dialling prefix, never a subscriber number.
/// </remarks>
public static class PhoneNumber
{
    private const string CountryPrefix = "+84";

    /// <summary>True when <see cref="Normalize"/> gives a number.</summary>
    public static bool IsValid(string? value) => Normalize(value) is not null;

    /// <summary>
    /// The number as 10 digits starting with 0, after removing spaces, dots and dashes and turning a leading +84
    /// into 0; null when the input is blank or not a valid number.
    /// </summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var rest = value.AsSpan().Trim();
        var international = rest.StartsWith(CountryPrefix, StringComparison.Ordinal);
        if (international)
        {
            rest = rest[CountryPrefix.Length..];
        }

        var digits = new StringBuilder(12);
        foreach (var c in rest)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (!(char.IsWhiteSpace(c) || c is '.' or '-'))
            {
                return null;
            }
        }

        if (international)
        {
            // People often keep the trunk 0 after the country code ("+84 0912…"); both forms mean the same number.
            if (digits.Length > 0 && digits[0] == '0')
            {
                digits.Remove(0, 1);
            }

            digits.Insert(0, '0');
        }

        return digits.Length == 10 && digits[0] == '0' && digits[1] != '0' ? digits.ToString() : null;
    }
}
