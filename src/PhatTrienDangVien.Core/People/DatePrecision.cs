namespace PhatTrienDangVien.Core.People;

/// <summary>
/// How much of a stored date is known. Registers kept by hand often hold only a year ("1980") or a month and year; the
/// date is then stored as the first day of that year or month and this flag says so, so that it reads "1980", never
/// "01/01/1980" (docs/decisions/0022-register-import.md).
/// </summary>
public enum DatePrecision
{
    Day = 0,
    Month = 1,
    Year = 2,
}
