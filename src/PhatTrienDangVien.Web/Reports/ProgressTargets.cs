using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>
/// Where the year stands against its target, for the progress report: the target of the period's year (read through
/// <see cref="PlanTargets"/>, as the dashboard and the development report read it), the people admitted from 1 January
/// to the day the report counts to, what is left and how many a month that needs in the months still open.
/// </summary>
/// <remarks>
/// "So far" stops at the period's last day, or today when the period is not over: a report of the third quarter made
/// in December says where the year stood on 30 September, and the pace is measured from there. A month counts as left
/// until its last day has passed, so on 20 November both November and December are left.
/// </remarks>
public sealed class ProgressTargets
{
    public sealed record Row(int? CellId, string Name, int? Target, int Admitted, int MonthsLeft)
    {
        /// <summary>Admitted against target as a share (1 = 100 %); null without a target.</summary>
        public double? Rate => Target is > 0 ? (double)Admitted / Target.Value : null;

        /// <summary>How many are still to be admitted to reach the target; never below zero once it is reached.</summary>
        public int? Remaining => Target is { } t ? Math.Max(t - Admitted, 0) : null;

        /// <summary>The remaining spread over the months left; null without a target or once the year is over.</summary>
        public double? PerMonth => Remaining is { } r && MonthsLeft > 0 ? (double)r / MonthsLeft : null;
    }

    public required int Year { get; init; }
    /// <summary>The last day counted ("đã kết nạp đến ngày …").</summary>
    public required DateOnly AsOf { get; init; }
    public required int MonthsLeft { get; init; }
    /// <summary>The first row: the commune (its own yearly target) for a user who sees the whole commune, else the sum
    /// of the user's cells (their allocations).</summary>
    public required Row Total { get; init; }
    /// <summary>The cells with an allocation for the year, by name.</summary>
    public required IReadOnlyList<Row> Cells { get; init; }
    /// <summary>The cells in view with no allocation for the year.</summary>
    public required IReadOnlyList<string> Unallocated { get; init; }
    public string? Resolution { get; init; }
    public bool WholeCommune { get; init; }

    public string YearText => Year.ToString(CultureInfo.InvariantCulture);

    /// <param name="cells">The cells in the user's view, id and name.</param>
    /// <param name="wholeCommune">Whether the user sees the whole commune (the first row is then the commune's).</param>
    public static async Task<ProgressTargets> ComputeAsync(AppDbContext db, IReadOnlyList<(int Id, string Name)> cells, bool wholeCommune, string communeName,
        ReportPeriod period, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(period);
        var year = period.To.Year;
        var asOf = period.To < today ? period.To : today;
        var first = new DateOnly(year, 1, 1);
        var monthsLeft = MonthsLeftAfter(asOf, year);
        var ids = cells.Select(c => c.Id).ToList();
        var targets = await PlanTargets.LoadAsync(db, null, ids, [year], ct);
        // Nobody is admitted "so far" in a year that has not begun on the day counted to.
        var admitted = asOf < first ? []
            : await PlanData.AdmittedIn(db.Members.AsNoTracking(), ids, first, asOf).Select(m => m.CellId).ToListAsync(ct);
        var rows = cells.Where(c => targets.OfCell(c.Id) is not null).OrderBy(c => c.Name, Pages.Shared.Lookups.Collator)
            .Select(c => new Row(c.Id, c.Name, targets.OfCell(c.Id), admitted.Count(a => a == c.Id), monthsLeft)).ToList();
        return new ProgressTargets
        {
            Year = year, AsOf = asOf, MonthsLeft = monthsLeft,
            Total = new Row(null, wholeCommune ? communeName : "Cộng các chi bộ", targets.ForYear(wholeCommune, year), admitted.Count, monthsLeft),
            Cells = rows,
            Unallocated = [.. cells.Where(c => targets.OfCell(c.Id) is null).Select(c => c.Name).Order(Pages.Shared.Lookups.Collator)],
            WholeCommune = wholeCommune,
            Resolution = wholeCommune && targets.CommuneYears.TryGetValue(year, out var t) ? t.Resolution : null,
        };
    }

    /// <summary>The months of <paramref name="year"/> not yet over on <paramref name="day"/> (the current month counts
    /// until its last day): 12 before the year, 0 after it.</summary>
    public static int MonthsLeftAfter(DateOnly day, int year)
    {
        if (day.Year < year) return 12;
        if (day.Year > year) return 0;
        var monthOver = day.Day == DateTime.DaysInMonth(day.Year, day.Month);
        return 12 - day.Month + (monthOver ? 0 : 1);
    }

    /// <summary>A pace in words with one decimal, as the report prints it ("3,5").</summary>
    public static string Pace(double? perMonth) => perMonth is { } p ? p.ToString("0.0", Pages.Shared.Lookups.Vietnamese) : "—";

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", Pages.Shared.Lookups.Vietnamese) + " %" : "—";

    /// <summary>What the table rests on, in words, under it and in the file's title rows.</summary>
    public IReadOnlyList<string> Notes()
    {
        var notes = new List<string>
        {
            $"Đã kết nạp: tính từ ngày 01/01/{YearText} đến ngày {Pages.Shared.Dates.Text(AsOf)}; " +
            (MonthsLeft > 0 ? $"bình quân mỗi tháng là số còn lại chia cho {MonthsLeft} tháng còn lại của năm." : "năm đã hết, không còn tháng nào."),
        };
        if (Total.Target is null)
            notes.Add(WholeCommune ? $"Chưa nhập chỉ tiêu năm {YearText} của Đảng bộ (trang Chỉ tiêu): dòng {Total.Name} chưa có chỉ tiêu."
                : $"Chưa giao chỉ tiêu năm {YearText} cho các chi bộ này.");
        else if (!string.IsNullOrWhiteSpace(Resolution))
            notes.Add($"Chỉ tiêu năm {YearText} của Đảng bộ theo Nghị quyết số {Resolution.Trim()}.");
        if (Unallocated.Count > 0)
            notes.Add($"Chưa giao chỉ tiêu năm {YearText}: {string.Join(", ", Unallocated)}.");
        return notes;
    }
}
