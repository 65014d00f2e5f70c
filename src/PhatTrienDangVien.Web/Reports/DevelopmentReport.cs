using PhatTrienDangVien.Core.People;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Planning;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>
/// Kết quả phát triển đảng viên for a period, one row per cell: the cell's target (its allocations for the period's
/// target years; the total row the commune's own target when the report is the commune's, <see cref="PlanTargets"/>), the people admitted (<see cref="PlanData.AdmittedIn"/>), and the breakdowns of domain.md §6 counted
/// by the tests of <see cref="NewMember"/> (<see cref="NewMemberFacets"/>), so that each figure opens its list.
/// </summary>
public sealed class DevelopmentReport
{
    /// <summary>The professional levels that get a column ("Không" has none: it is the rest).</summary>
    public static readonly IReadOnlyList<ReferenceItem> Levels = [.. ProfessionalEducationLevels.All.Where(l => l.Code != "KHONG")];

    /// <summary>A cell's line (or the total): its target, the counts of its new members as every other report counts
    /// them (<see cref="NewMemberCounts"/>) and the professional levels, one count per <see cref="Levels"/>.</summary>
    public sealed record Row(int? CellId, string Cell, int? Target, NewMemberCounts Counts, IReadOnlyList<int> Professional)
    {
        public int Admitted => Counts.Count;
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
    /// <summary>Who left the roll in the period, by way of leaving (the same definition as /Exits); the facet is the kind.</summary>
    public List<Count> Left { get; } = [];
    public int Net => Total.Admitted - Left.Sum(l => l.Value);

    public static async Task<DevelopmentReport> ComputeAsync(AppDbContext db, PlanData.Selection selection, ReportPeriod period, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(period);
        var report = new DevelopmentReport { Period = period, Selection = selection };
        var cellIds = selection.CellIds;
        var admitted = await PlanData.NewMembersAsync(db, cellIds, period.From, period.To, ct);
        // The targets as the dashboard reads them (one function): the commune's resolution for the commune's total row,
        // each cell's allocations for its row.
        var wholeCommune = selection.Union is null && selection.Selected.Kind == OrganisationKind.CommuneCommittee;
        var targets = await PlanTargets.LoadAsync(db, period.TermRecord, cellIds, period.TargetYears, ct);
        report.WholeCommune = wholeCommune;
        report.Targets = targets;
        var names = selection.Organisations.ToDictionary(o => o.Id, o => o.Name);

        Row Of(int? cellId, string name, int? target, IReadOnlyCollection<NewMember> people)
        {
            return new(cellId, name, target, NewMemberCounts.Of(people), [.. Levels.Select(l => people.Count(m => m.ProfessionalEducationBucket == l.Code))]);
        }

        foreach (var cellId in cellIds.OrderBy(id => names.GetValueOrDefault(id, ""), Pages.Shared.Lookups.Collator))
            report.Cells.Add(Of(cellId, names.GetValueOrDefault(cellId, "?"), targets.OfCell(cellId),
                [.. admitted.Where(m => m.CellId == cellId)]));
        report.Total = Of(null, "Tổng cộng", report.IsTerm ? targets.ForTerm(wholeCommune) : targets.ForYear(wholeCommune, period.From.Year), admitted);

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
        var left = await Exits.ExitReads.LeftIn(db.Members.AsNoTracking(), cellIds, period.From, period.To).Select(m => m.Status).ToListAsync(ct);
        report.Left.AddRange(Enum.GetValues<ExitKind>().Select(k => new Count(Exits.ExitWords.Kind(k), left.Count(st => Exits.ExitReads.KindOf(st) == k), k.ToString())));
        return report;
    }

    /// <summary>True for the commune as a whole (its total row carries the commune's own targets, not the cells' sum).</summary>
    public bool WholeCommune { get; private set; }
    public PlanTargets Targets { get; private set; } = null!;
    private bool IsTerm => Period.Kind == ReportPeriod.Term;

    /// <summary>"Chỉ tiêu nhiệm kỳ" only when the cells' allocations cover every year of the term; otherwise the cells'
    /// figures are what has been allocated so far, and the header says so.</summary>
    public string TargetHeader => !IsTerm ? $"Chỉ tiêu năm {Period.From.Year.ToString(CultureInfo.InvariantCulture)}"
        : Targets.UnallocatedYears.Count == 0 ? "Chỉ tiêu nhiệm kỳ" : "Chỉ tiêu đã giao cho chi bộ";

    /// <summary>What the target column holds, in words, under the table and in the file's title rows: the total row's
    /// target and its resolution, the years allocated to the cells, a sum of allocations that differs from the whole.</summary>
    public IReadOnlyList<string> TargetNotes()
    {
        var notes = new List<string>();
        static string N(int n) => Pages.Shared.Numbers.Show(n);
        static string Years(IEnumerable<int> ys) => string.Join(", ", ys.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        var year = Period.From.Year.ToString(CultureInfo.InvariantCulture);
        var allocated = IsTerm ? Targets.Allocated(Targets.Years) : Targets.Allocated([Period.From.Year]);
        if (WholeCommune)
        {
            var (whole, resolution, what) = IsTerm
                ? (Targets.TermTarget, Targets.TermResolution, "chỉ tiêu nhiệm kỳ")
                : Targets.CommuneYears.TryGetValue(Period.From.Year, out var y) ? (y.Count, y.Resolution, $"chỉ tiêu năm {year}") : ((int?)null, null, $"chỉ tiêu năm {year}");
            if (whole is { } w)
            {
                notes.Add($"Dòng Tổng cộng: {what} của Đảng bộ ({N(w)} đảng viên{(string.IsNullOrWhiteSpace(resolution) ? "" : ", Nghị quyết số " + resolution.Trim())}).");
                if (allocated is { } a && (!IsTerm || Targets.UnallocatedYears.Count == 0) && TargetSums.Check(w, [a]).Warning("chỉ tiêu đã giao các chi bộ", what + " của Đảng bộ") is { } warning)
                    notes.Add(warning);
            }
            else
            {
                notes.Add($"Chưa nhập {what} của Đảng bộ (trang Chỉ tiêu): dòng Tổng cộng chưa có chỉ tiêu.");
            }
        }
        else if (Total.Target is not null)
        {
            notes.Add(IsTerm ? "Chỉ tiêu là tổng chỉ tiêu đã giao cho chi bộ." : $"Chỉ tiêu là chỉ tiêu năm {year} đã giao cho chi bộ.");
        }
        if (IsTerm && Targets.UnallocatedYears.Count > 0)
            notes.Add(Targets.AllocatedYears.Count == 0 ? "Chưa giao chỉ tiêu cho chi bộ năm nào của nhiệm kỳ."
                : $"Chỉ tiêu từng chi bộ là chỉ tiêu đã giao các năm {Years(Targets.AllocatedYears)} (cộng lại {N(allocated ?? 0)}); chưa giao các năm {Years(Targets.UnallocatedYears)}.");
        return notes;
    }

    public const string Heading = "Báo cáo kết quả phát triển đảng viên";

    public IReadOnlyList<Column> Columns() =>
    [
        new("TT", ColumnFormat.Number), new("Chi bộ"), new(TargetHeader, ColumnFormat.Number), new("Kết nạp", ColumnFormat.Number),
        new("Tỷ lệ đạt", ColumnFormat.Percent), new("Nữ", ColumnFormat.Number), new("Trẻ (18–30 tuổi)", ColumnFormat.Number),
        new("Đoàn viên", ColumnFormat.Number), new("Dân tộc thiểu số", ColumnFormat.Number), new("Tôn giáo", ColumnFormat.Number),
        new("Học vấn 12/12", ColumnFormat.Number), .. Levels.Select(l => new Column(l.Name, ColumnFormat.Number)),
    ];

    private static object?[] Values(int? number, Row r) =>
        [number, r.Cell, r.Target, r.Admitted, r.Rate, r.Counts.Women, r.Counts.Young, r.Counts.YouthUnion, r.Counts.EthnicMinority, r.Counts.Religious, r.Counts.General12, .. r.Professional.Cast<object?>()];

    /// <summary>The workbook: the cells, then the sources, the hamlets and the occupations of the same people.</summary>
    public async Task<Sheet[]> SheetsAsync(Exporter exporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        string[] subtitles = [Period.Title.Length > 0 ? char.ToUpperInvariant(Period.Title[0]) + Period.Title[1..] : "", Period.Window, Selection.Name];
        var cells = await exporter.SheetAsync("Theo chi bộ", $"{Heading} {Period.Title}", [.. subtitles, .. TargetNotes()], Columns(), ct);
        cells.Rows.AddRange(Cells.Select((r, i) => Values(i + 1, r)));
        cells.Totals = Values(null, Total);
        var sources = await exporter.SheetAsync("Theo nguồn", $"Đảng viên mới theo nguồn {Period.Title}",
            [.. subtitles, "Một người thuộc nhiều nguồn được đếm ở mỗi nguồn."], CountColumns("Nguồn"), ct);
        Fill(sources, Sources);
        var hamlets = await exporter.SheetAsync("Theo ấp", $"Đảng viên mới theo nơi cư trú {Period.Title}", subtitles, CountColumns("Ấp"), ct);
        Fill(hamlets, Hamlets);
        var jobs = await exporter.SheetAsync("Theo nghề nghiệp", $"Đảng viên mới theo nghề nghiệp {Period.Title}", subtitles, CountColumns("Nghề nghiệp"), ct);
        Fill(jobs, Occupations);
        var change = await exporter.SheetAsync("Biến động", $"Biến động đảng viên {Period.Title}", subtitles,
            [new("TT", ColumnFormat.Number), new("Nội dung"), new("Số người", ColumnFormat.Number)], ct);
        change.Rows.Add([1, "Kết nạp", Total.Admitted]);
        change.Rows.AddRange(Left.Select((l, i) => new object?[] { i + 2, "Ra khỏi danh sách: " + Exits.ExitWords.InSentence(l.Label), l.Value }));
        change.Totals = [null, "Tăng (+) / giảm (−)", Net];
        return [cells, sources, hamlets, jobs, change];
    }

    private static IReadOnlyList<Column> CountColumns(string what) =>
        [new("TT", ColumnFormat.Number), new(what), new("Số đảng viên mới", ColumnFormat.Number), new("Tỷ lệ", ColumnFormat.Percent)];

    private void Fill(Sheet sheet, List<Count> counts)
    {
        sheet.Rows.AddRange(counts.Select((c, i) => new object?[] { i + 1, c.Label, c.Value, Total.Admitted > 0 ? (double)c.Value / Total.Admitted : null }));
        sheet.Totals = [null, "Tổng số đảng viên mới", Total.Admitted, Total.Admitted > 0 ? 1.0 : null];
    }
}
