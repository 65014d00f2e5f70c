using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>
/// The period a report covers, as offices report: a month, a quarter, a calendar year or the current term (from its
/// congress to the day before the next, <see cref="Core.Organisations.Term"/>). Both ends included.
/// </summary>
public sealed record ReportPeriod(string Kind, DateOnly From, DateOnly To, string Title)
{
    public const string Month = "month", Quarter = "quarter", Year = "year", Term = "term";

    /// <summary>"(từ ngày 01/01/2026 đến ngày 31/12/2026)", as the report's subtitle says it.</summary>
    public string Window => $"Từ ngày {Pages.Shared.Dates.Text(From)} đến ngày {Pages.Shared.Dates.Text(To)}";

    /// <summary>The period in a file name, so that each month's file differs: 2026, 2026-quy-1, 2026-03, nhiem-ky-2025-2030.</summary>
    public string Slug => Kind switch
    {
        Month => From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        Quarter => $"{From.Year.ToString(CultureInfo.InvariantCulture)}-quy-{((From.Month - 1) / 3 + 1).ToString(CultureInfo.InvariantCulture)}",
        Term => $"nhiem-ky-{From.Year.ToString(CultureInfo.InvariantCulture)}-{To.Year.ToString(CultureInfo.InvariantCulture)}",
        _ => From.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The month (1–12) of a month, the quarter (1–4) of a quarter, else null: what the period form shows,
    /// also when the address left it to today's.</summary>
    public int? Number => Kind switch
    {
        Month => From.Month,
        Quarter => (From.Month - 1) / 3 + 1,
        _ => null,
    };

    /// <summary>The calendar years the period touches.</summary>
    public IEnumerable<int> Years => Enumerable.Range(From.Year, To.Year - From.Year + 1);

    /// <summary>The term of a term period (its target is the resolution's for the whole term).</summary>
    public Core.Organisations.Term? TermRecord { get; init; }

    /// <summary>The years whose targets the period is measured against: the term's target years
    /// (<see cref="Core.Targets.TargetSums.TermYears"/>, as the dashboard reads them), else the year of the period.</summary>
    public IReadOnlyList<int> TargetYears => TermRecord is { } t ? Core.Targets.TargetSums.TermYears(t.StartYear, t.EndYear) : [From.Year];

    /// <summary>
    /// The period a report's address asks for (Period, Year, Number), the one reading every report with a period uses;
    /// null when the address holds a value that names no period: a year that is not a number or outside 2000–2100, a
    /// kind of period the report does not offer, a month or quarter that does not exist. The page answers null with
    /// 400 ("Địa chỉ trang không hợp lệ") rather than another period's figures under a title the address did not ask
    /// for. Only what is missing takes today's: no year is this year, no month or quarter this one.
    /// </summary>
    /// <param name="address">The page's model state: a value that could not be read as a number (Year=2025x,
    /// Number=2147483648) leaves the property empty, and only this tells it from a value not given.</param>
    /// <param name="withTerm">Whether the report offers the current term.</param>
    public static async Task<ReportPeriod?> ReadAsync(AppDbContext db, ModelStateDictionary address, string? kind, int? year, int? number,
        DateOnly today, CancellationToken ct, bool withTerm = true)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Unreadable(address, "Year") || Unreadable(address, "Number")) return null;
        if (kind is { Length: > 0 } && kind is not (Month or Quarter or Year) && !(withTerm && kind == Term)) return null;
        var y = year ?? today.Year;
        if (y is < 2000 or > 2100) return null;
        // A number is a month (1–12) or a quarter (1–4); a year or a term leaves it unused, as the form may still send it.
        if (number is { } n && (n is < 1 or > 12 || kind == Quarter && n > 4)) return null;
        switch (kind)
        {
            case Month:
            {
                var m = number is >= 1 and <= 12 ? number.Value : today.Month;
                var first = new DateOnly(y, m, 1);
                return new(Month, first, first.AddMonths(1).AddDays(-1), $"tháng {m}/{y}");
            }
            case Quarter:
            {
                var q = number is >= 1 and <= 4 ? number.Value : (today.Month - 1) / 3 + 1;
                var first = new DateOnly(y, (q - 1) * 3 + 1, 1);
                return new(Quarter, first, first.AddMonths(3).AddDays(-1), $"quý {q}/{y}");
            }
            case Term when await PlanData.CurrentTermAsync(db, today, ct) is { } term:
                return new(Term, term.Start, term.End,
                    $"nhiệm kỳ {term.StartYear.ToString(CultureInfo.InvariantCulture)}–{term.EndYear.ToString(CultureInfo.InvariantCulture)}") { TermRecord = term };
            default:
                return new(Year, new DateOnly(y, 1, 1), new DateOnly(y, 12, 31), $"năm {y}");
        }
    }

    private static bool Unreadable(ModelStateDictionary address, string key) => address.TryGetValue(key, out var entry) && entry.Errors.Count > 0;
}
