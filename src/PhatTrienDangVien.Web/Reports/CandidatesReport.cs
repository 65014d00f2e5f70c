using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Export;
using PhatTrienDangVien.Web.Planning;

namespace PhatTrienDangVien.Web.Reports;

/// <summary>
/// Người vào Đảng theo giai đoạn: every open case not yet admitted (before the ceremony), with its next step and due
/// date as the admission engine gives them (<see cref="WorkList"/>, <see cref="Deadlines.NextAction"/>) — the same
/// items the work list shows, so each stage's count opens the work list of that stage.
/// </summary>
public sealed class CandidatesReport
{
    public const string Heading = "Danh sách người vào Đảng theo giai đoạn";

    public required PlanData.Selection Selection { get; init; }
    public required DateOnly Today { get; init; }
    public List<WorkList.Item> Rows { get; } = [];
    public List<(AdmissionStage Stage, int Count)> ByStage { get; } = [];
    public int Overdue => Rows.Count(r => r.IsOverdue);

    /// <summary>Not admitted yet: the stages before probation.</summary>
    public static bool IsBeforeAdmission(AdmissionStage stage) => stage < AdmissionStage.Probation;

    public static async Task<CandidatesReport> ComputeAsync(WorkList work, PlanData.Selection selection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(selection);
        var report = new CandidatesReport { Selection = selection, Today = work.Today };
        var cells = selection.CellIds.ToHashSet();
        report.Rows.AddRange((await work.ItemsAsync(ct)).Where(i => cells.Contains(i.CellId) && IsBeforeAdmission(i.Stage))
            .OrderBy(i => i.Stage).ThenBy(i => i.Next.DueDate ?? DateOnly.MaxValue).ThenBy(i => i.FullName, Pages.Shared.Lookups.Collator).ThenBy(i => i.CandidateId));
        report.ByStage.AddRange(report.Rows.GroupBy(r => r.Stage).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())));
        return report;
    }

    public static readonly IReadOnlyList<Field<WorkList.Item>> Fields =
    [
        new("Họ và tên", i => i.FullName), new("Chi bộ", i => i.Cell), new("Giai đoạn hiện nay", i => StepNames.Of(i.Stage)),
        new("Việc tiếp theo", i => StepNames.Of(i.Next.Kind)), new("Hạn", i => i.Next.DueDate, ColumnFormat.Date),
        new("Còn (ngày làm việc)", i => i.Next.WorkingDaysLeft is { } d ? Pages.Shared.Dates.WorkingDaysLeft(d) : null),
        new("Đảng viên giúp đỡ", i => i.Mentor),
    ];

    public async Task<Sheet[]> SheetsAsync(Exporter exporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        string[] subtitles = [$"Tính đến ngày {Pages.Shared.Dates.Text(Today)}", Selection.Name];
        var list = await exporter.SheetAsync("Danh sách", Heading, subtitles, [new("TT", ColumnFormat.Number), .. Exporter.Columns(Fields)], ct);
        list.Rows.AddRange(Rows.Select((r, i) => new object?[] { i + 1 }.Concat(Fields.Select(f => f.Value(r))).ToArray()));
        list.Totals = [null, $"Tổng cộng: {Rows.Count} người", null, null, null, null, $"Quá hạn: {Overdue}", null];
        var summary = await exporter.SheetAsync("Theo giai đoạn", "Số người vào Đảng theo giai đoạn", subtitles,
            [new("TT", ColumnFormat.Number), new("Giai đoạn"), new("Số người", ColumnFormat.Number), new("Trong đó quá hạn", ColumnFormat.Number)], ct);
        summary.Rows.AddRange(ByStage.Select((s, i) => new object?[] { i + 1, StepNames.Of(s.Stage), s.Count, Rows.Count(r => r.Stage == s.Stage && r.IsOverdue) }));
        summary.Totals = [null, "Tổng cộng", Rows.Count, Overdue];
        return [list, summary];
    }
}
