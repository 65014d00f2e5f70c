using System.Globalization;
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

    /// <summary>The calendar years the period touches.</summary>
    public IEnumerable<int> Years => Enumerable.Range(From.Year, To.Year - From.Year + 1);

    /// <summary>The term of a term period (its target is the resolution's for the whole term).</summary>
    public Core.Organisations.Term? TermRecord { get; init; }

    /// <summary>The years whose targets the period is measured against: the term's target years
    /// (<see cref="Core.Targets.TargetSums.TermYears"/>, as the dashboard reads them), else the year of the period.</summary>
    public IReadOnlyList<int> TargetYears => TermRecord is { } t ? Core.Targets.TargetSums.TermYears(t.StartYear, t.EndYear) : [From.Year];

    /// <summary>The period asked for; null for a year outside 2000–2100 or a month or quarter that does not exist (an
    /// address typed or kept wrong, which the page answers with 400 rather than another period's figures). A missing
    /// month or quarter is today's.</summary>
    public static async Task<ReportPeriod?> ReadAsync(AppDbContext db, string? kind, int? year, int? number, DateOnly today, CancellationToken ct)
    {
        var y = year ?? today.Year;
        if (y is < 2000 or > 2100) return null;
        if (number is { } n && (kind == Month && n is < 1 or > 12 || kind == Quarter && n is < 1 or > 4)) return null;
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
}
