using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>
/// Kết quả phát triển đảng viên for a period, one row per cell: the cell's target (its allocations for the years the
/// period touches), the people admitted (<see cref="PlanData.AdmittedIn"/>), and the breakdowns of domain.md §6 counted
/// by the tests of <see cref="NewMember"/> (<see cref="NewMemberFacets"/>), so that each figure opens its list.
/// </summary>
public sealed class DevelopmentReport
{
    /// <summary>The professional levels that get a column ("Không" has none: it is the rest).</summary>
    public static readonly IReadOnlyList<ReferenceItem> Levels = [.. ProfessionalEducationLevels.All.Where(l => l.Code != "KHONG")];

    public sealed record Row(int? CellId, string Cell, int? Target, int Admitted, int Women, int Young, int YouthUnion, int Minority, int Religious,
        int General12, IReadOnlyList<int> Professional)
    {
        /// <summary>Admitted against target, as a share (1 = 100 %); null without a target.</summary>
        public double? Rate => Target is > 0 ? (double)Admitted / Target.Value : null;
    }

    /// <summary>A count under a label, with the facet of the admitted list that holds those people (null: no such list).</summary>
    public sealed record Count(string Label, int Value, string? Facet);

    public required ReportPeriod Period { get; init; }
    public required PlanData.Selection Selection { get; init; }
    public List<Row> Cells { get; } = [];
    public Row Total { get; private set; } = null!;
    public List<Count> Sources { get; } = [];
    public List<Count> Hamlets { get; } = [];
    public List<Count> Occupations { get; } = [];

    public static async Task<DevelopmentReport> ComputeAsync(AppDbContext db, PlanData.Selection selection, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(period);
        var report = new DevelopmentReport { Period = period, Selection = selection };
        var cellIds = selection.CellIds;
        var admitted = await PlanData.NewMembersAsync(db, cellIds, period.From, period.To, ct);
        var years = period.Years.ToList();
        var targets = await db.CellTargets.AsNoTracking().Where(t => cellIds.Contains(t.CellId) && years.Contains(t.Year))
            .GroupBy(t => t.CellId).Select(g => new { g.Key, Count = g.Sum(t => t.Count) }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var names = selection.Organisations.ToDictionary(o => o.Id, o => o.Name);

        Row Of(int? cellId, string name, int? target, IReadOnlyCollection<NewMember> people) => new(cellId, name, target, people.Count,
            people.Count(m => m.IsWoman), people.Count(m => m.IsYoung), people.Count(m => m.IsYouthUnionMember), people.Count(m => m.IsEthnicMinority),
            people.Count(m => m.IsReligious), people.Count(m => m.GeneralEducationBucket == "12"),
            [.. Levels.Select(l => people.Count(m => m.ProfessionalEducationBucket == l.Code))]);

        foreach (var cellId in cellIds.OrderBy(id => names.GetValueOrDefault(id, ""), Pages.Shared.Lookups.Collator))
            report.Cells.Add(Of(cellId, names.GetValueOrDefault(cellId, "?"), targets.TryGetValue(cellId, out var t) ? t : null,
                [.. admitted.Where(m => m.CellId == cellId)]));
        report.Total = Of(null, "Tổng cộng", targets.Count > 0 ? targets.Values.Sum() : null, admitted);

        var sourceNames = await db.SourceCategories.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new { s.Code, s.Name }).ToListAsync(ct);
        foreach (var s in sourceNames)
            report.Sources.Add(new(s.Name, admitted.Count(m => m.SourceCodes.Contains(s.Code, StringComparer.Ordinal)), "source:" + s.Code));

        // Where the new members live and what they do: facts of the person, read beside the admitted set (not another definition of it).
        var ids = admitted.Select(m => m.MemberId).ToList();
        var facts = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { Hamlet = m.Person.Hamlet != null ? m.Person.Hamlet.Name : null, m.Person.Occupation }).ToListAsync(ct);
        report.Hamlets.AddRange(facts.GroupBy(f => f.Hamlet).OrderBy(g => g.Key is null).ThenBy(g => g.Key ?? "", Pages.Shared.Lookups.Collator)
            .Select(g => new Count(g.Key ?? "Chưa ghi ấp", g.Count(), null)));
        report.Occupations.AddRange(facts.GroupBy(f => string.IsNullOrWhiteSpace(f.Occupation) ? null : f.Occupation.Trim(), StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key is null).ThenByDescending(g => g.Count()).ThenBy(g => g.Key ?? "", Pages.Shared.Lookups.Collator)
            .Select(g => new Count(g.Key ?? "Chưa ghi nghề nghiệp", g.Count(), null)));
        return report;
    }

    public string TargetHeader => Period.Kind == ReportPeriod.Term ? "Chỉ tiêu nhiệm kỳ"
        : Period.Years.Count() == 1 ? $"Chỉ tiêu năm {Period.From.Year}" : "Chỉ tiêu các năm";

    public const string Heading = "Báo cáo kết quả phát triển đảng viên";

    public IReadOnlyList<Column> Columns() =>
    [
        new("TT", ColumnFormat.Number), new("Chi bộ"), new(TargetHeader, ColumnFormat.Number), new("Kết nạp", ColumnFormat.Number),
        new("Tỷ lệ đạt", ColumnFormat.Percent), new("Nữ", ColumnFormat.Number), new("Trẻ (18–30 tuổi)", ColumnFormat.Number),
        new("Đoàn viên", ColumnFormat.Number), new("Dân tộc thiểu số", ColumnFormat.Number), new("Tôn giáo", ColumnFormat.Number),
        new("Học vấn 12/12", ColumnFormat.Number), .. Levels.Select(l => new Column(l.Name, ColumnFormat.Number)),
    ];

    private static object?[] Values(int? number, Row r) =>
        [number, r.Cell, r.Target, r.Admitted, r.Rate, r.Women, r.Young, r.YouthUnion, r.Minority, r.Religious, r.General12, .. r.Professional.Cast<object?>()];

    /// <summary>The workbook: the cells, then the sources, the hamlets and the occupations of the same people.</summary>
    public async Task<Sheet[]> SheetsAsync(Exporter exporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        string[] subtitles = [Period.Title.Length > 0 ? char.ToUpperInvariant(Period.Title[0]) + Period.Title[1..] : "", Period.Window, Selection.Name];
        var cells = await exporter.SheetAsync("Theo chi bộ", $"{Heading} {Period.Title}", subtitles, Columns(), ct);
        cells.Rows.AddRange(Cells.Select((r, i) => Values(i + 1, r)));
        cells.Totals = Values(null, Total);
        var sources = await exporter.SheetAsync("Theo nguồn", $"Đảng viên mới theo nguồn {Period.Title}",
            [.. subtitles, "Một người thuộc nhiều nguồn được đếm ở mỗi nguồn."], CountColumns("Nguồn"), ct);
        Fill(sources, Sources);
        var hamlets = await exporter.SheetAsync("Theo ấp", $"Đảng viên mới theo nơi cư trú {Period.Title}", subtitles, CountColumns("Ấp"), ct);
        Fill(hamlets, Hamlets);
        var jobs = await exporter.SheetAsync("Theo nghề nghiệp", $"Đảng viên mới theo nghề nghiệp {Period.Title}", subtitles, CountColumns("Nghề nghiệp"), ct);
        Fill(jobs, Occupations);
        return [cells, sources, hamlets, jobs];
    }

    private static IReadOnlyList<Column> CountColumns(string what) =>
        [new("TT", ColumnFormat.Number), new(what), new("Số đảng viên mới", ColumnFormat.Number), new("Tỷ lệ", ColumnFormat.Percent)];

    private void Fill(Sheet sheet, List<Count> counts)
    {
        sheet.Rows.AddRange(counts.Select((c, i) => new object?[] { i + 1, c.Label, c.Value, Total.Admitted > 0 ? (double)c.Value / Total.Admitted : null }));
        sheet.Totals = [null, "Tổng số đảng viên mới", Total.Admitted, Total.Admitted > 0 ? 1.0 : null];
    }
}
