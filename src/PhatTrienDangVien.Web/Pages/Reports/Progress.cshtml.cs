using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Planning;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Reports;

/// <summary>Báo cáo tiến độ for a month, a quarter or a year: what happened in the period, printable.</summary>
[RequirePermission(Permission.ViewPlan)]
public class ProgressModel(AppDbContext db, WorkList work, Web.Documents.FormSettings formSettings, FigureCache figures) : PageModel
{
    [BindProperty(SupportsGet = true), System.ComponentModel.DataAnnotations.Display(Name = "Kỳ báo cáo")] public string Period { get; set; } = "quarter";
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public int? Number { get; set; }

    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public string Title { get; private set; } = "";
    public string? CommuneName { get; private set; }
    public sealed record AdmittedRow(int MemberId, int? CandidateId, string Name, string Cell, DateOnly Date, bool Young, bool Female);
    public IReadOnlyList<AdmittedRow> Admitted { get; private set; } = [];
    public IReadOnlyList<(string Cell, int Admitted, int NewCandidates, int Steps)> ByCell { get; private set; } = [];
    public IReadOnlyList<(AdmissionStepKind Kind, int Count)> StepsByKind { get; private set; } = [];
    public int NewCandidates { get; private set; }
    public int Recognised { get; private set; }
    public int Removed { get; private set; }
    public int Withdrawn { get; private set; }
    public int OverdueNow { get; private set; }
    public int Probationary { get; private set; }
    public DateOnly Today => work.Today;
    /// <summary>The year's target against what has been admitted so far (the report's first section).</summary>
    public Web.Reports.ProgressTargets Targets { get; private set; } = null!;
    public ReportTitle Head { get; private set; } = null!;
    public ReportSignature Signature { get; private set; } = null!;
    public const string Heading = "Báo cáo tiến độ phát triển đảng viên";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    /// <summary>The same report as .xlsx: the admitted list, the figures by cell, the steps by kind.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        var heading = Heading + " " + Title;
        string[] lines = [$"Từ ngày {Shared.Dates.Text(From)} đến ngày {Shared.Dates.Text(To)}"];
        var admitted = await exporter.SheetAsync("Đảng viên mới", heading, lines,
            [new("TT", Export.ColumnFormat.Number), new("Họ và tên"), new("Chi bộ"), new("Ngày kết nạp", Export.ColumnFormat.Date)], ct);
        admitted.Rows.AddRange(Admitted.Select((a, i) => new object?[] { i + 1, a.Name, a.Cell, a.Date }));
        admitted.Totals = [null, $"Tổng cộng: {Admitted.Count} người (nữ {Admitted.Count(a => a.Female)}, trẻ {Admitted.Count(a => a.Young)})", null, null];
        var byCell = await exporter.SheetAsync("Theo chi bộ", heading, lines,
            [new("TT", Export.ColumnFormat.Number), new("Chi bộ"), new("Kết nạp", Export.ColumnFormat.Number),
                new("Quần chúng mới vào nguồn", Export.ColumnFormat.Number), new("Bước thủ tục đã ghi", Export.ColumnFormat.Number)], ct);
        byCell.Rows.AddRange(ByCell.Select((c, i) => new object?[] { i + 1, c.Cell, c.Admitted, c.NewCandidates, c.Steps }));
        byCell.Totals = [null, "Tổng cộng", ByCell.Sum(c => c.Admitted), ByCell.Sum(c => c.NewCandidates), ByCell.Sum(c => c.Steps)];
        var steps = await exporter.SheetAsync("Các bước thủ tục", heading, lines,
            [new("TT", Export.ColumnFormat.Number), new("Bước"), new("Số lần", Export.ColumnFormat.Number)], ct);
        steps.Rows.AddRange(StepsByKind.Select((k, i) => new object?[] { i + 1, StepNames.Of(k.Kind), k.Count }));
        steps.Totals = [null, "Tổng cộng", StepsByKind.Sum(k => k.Count)];
        var targets = await exporter.SheetAsync("So với chỉ tiêu", heading, [.. lines, .. Targets.Notes()], TargetColumns(Targets), ct);
        targets.Rows.AddRange(new[] { Targets.Total }.Concat(Targets.Cells).Select((r, i) => new object?[]
            { i + 1, r.Name, r.Target, r.Admitted, r.Rate, r.Remaining, r.MonthsLeft, r.PerMonth is { } p ? Math.Round(p, 1) : null }));
        return await exporter.FileAsync("Báo cáo tiến độ", $"bao-cao-tien-do-{Shared.Lists.Iso(From)}-den-{Shared.Lists.Iso(To)}.xlsx", Admitted.Count, ct,
            admitted, targets, byCell, steps);
    }

    /// <summary>The target table's columns, the same headings on the page and in the file.</summary>
    public static IReadOnlyList<Export.Column> TargetColumns(Web.Reports.ProgressTargets t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return [new("TT", Export.ColumnFormat.Number), new("Đơn vị"), new($"Chỉ tiêu năm {t.YearText}", Export.ColumnFormat.Number),
            new($"Đã kết nạp đến {Shared.Dates.Text(t.AsOf)}", Export.ColumnFormat.Number), new("Tỷ lệ đạt", Export.ColumnFormat.Percent),
            new("Còn lại", Export.ColumnFormat.Number), new("Số tháng còn lại", Export.ColumnFormat.Number),
            new("Cần kết nạp bình quân mỗi tháng", Export.ColumnFormat.OneDecimal)];
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        // The period as every report reads it; this report offers no term and, with none asked for, shows this quarter.
        var period = await Web.Reports.ReportPeriod.ReadAsync(db, ModelState, string.IsNullOrEmpty(Period) ? Web.Reports.ReportPeriod.Quarter : Period,
            Year, Number, Today, ct, withTerm: false);
        if (period is null) return BadRequest();
        (From, To, Title) = (period.From, period.To, period.Title);
        // The form shows the period the report is for, also when the address left it to today's.
        Year ??= period.From.Year;
        Number ??= period.Kind switch
        {
            Web.Reports.ReportPeriod.Month => period.From.Month,
            Web.Reports.ReportPeriod.Quarter => (period.From.Month - 1) / 3 + 1,
            _ => null,
        };
        // What the period's report says, kept with the figures under the data version, the user's scope and the day (the
        // office opens it again and again while it writes; a step recorded shows at the next view): sixteen queries. Only
        // the periods of this year and the last: any year typed in the address would be an entry each.
        var content = FigureCache.KeepsYear(From.Year, Today)
            ? await figures.GetAsync(db, "progress-report", $"{Shared.Lists.Iso(From)}|{Shared.Lists.Iso(To)}", () => ContentAsync(period, ct), ct)
            : await ContentAsync(period, ct);
        (CommuneName, Admitted, ByCell, StepsByKind, NewCandidates, Recognised, Removed, Withdrawn, Targets, Probationary) = content;
        Head = new ReportTitle(CommuneName ?? "", $"{Heading} {Title}", [$"({period.Window.ToLowerInvariant()})"], Today);
        Signature = ReportSignature.OfCommittee(await formSettings.OfAsync(db.Scope.CommuneId, ct));
        OverdueNow = (await work.ItemsAsync(ct)).Count(i => i.IsOverdue);
        return null;
    }

    private sealed record ReportContent(string? CommuneName, IReadOnlyList<AdmittedRow> Admitted,
        IReadOnlyList<(string Cell, int Admitted, int NewCandidates, int Steps)> ByCell, IReadOnlyList<(AdmissionStepKind Kind, int Count)> StepsByKind,
        int NewCandidates, int Recognised, int Removed, int Withdrawn, Web.Reports.ProgressTargets Targets, int Probationary);

    private async Task<ReportContent> ContentAsync(Web.Reports.ReportPeriod period, CancellationToken ct)
    {
        // Scoped users do not see the root organisation itself, but the report carries its name.
        var communeName = await db.Organisations.WholeCommune().Where(o => o.Kind == OrganisationKind.CommuneCommittee).Select(o => o.Name).FirstOrDefaultAsync(ct);
        var cells = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Cell).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var cellIds = cells.Select(c => c.Id).Where(db.Scope.CoversCell).ToList();
        var newMembers = await PlanData.NewMembersAsync(db, cellIds, From, To, ct);
        var memberIds = newMembers.Select(n => n.MemberId).ToList();
        var names = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        var cellName = cells.ToDictionary(c => c.Id, c => c.Name);
        var admitted = new List<AdmittedRow>();
        foreach (var n in newMembers.OrderBy(n => n.AdmittedOn))
        {
            var age = Core.Reference.Age.FullYears(n.DateOfBirth, n.AdmittedOn);
            admitted.Add(new AdmittedRow(n.MemberId, n.CandidateId, names.GetValueOrDefault(n.MemberId, "?"), cellName.GetValueOrDefault(n.CellId, "?"), n.AdmittedOn,
                age is >= 18 and <= 30, n.Gender == Core.Reference.Gender.Female));
        }
        var steps = await (from s in db.AdmissionSteps
                           join c in db.Candidates on s.CandidateId equals c.Id
                           where s.Date >= From && s.Date <= To
                           select new { s.Kind, c.CellId }).ToListAsync(ct);
        var added = await db.Candidates.Where(c => c.AddedOn >= From && c.AddedOn <= To).Select(c => c.CellId).ToListAsync(ct);
        var byCell = cells.Where(c => cellIds.Contains(c.Id)).OrderBy(c => c.Name, Shared.Lookups.Collator)
            .Select(c => (c.Name, newMembers.Count(n => n.CellId == c.Id), added.Count(a => a == c.Id), steps.Count(s => s.CellId == c.Id))).ToList();
        var wholeCommune = db.Scope.Unrestricted || db.Scope.WholeCommune;
        var targets = await Web.Reports.ProgressTargets.ComputeAsync(db, [.. cells.Where(c => cellIds.Contains(c.Id)).Select(c => (c.Id, c.Name))], wholeCommune,
            communeName ?? "Đảng bộ", period, Today, ct);
        var probationary = await db.Members.CountAsync(m => m.Status == MemberStatus.Probationary, ct);
        return new ReportContent(communeName, admitted, byCell, [.. steps.GroupBy(s => s.Kind).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))], added.Count,
            steps.Count(s => s.Kind == AdmissionStepKind.RecognitionDecision), steps.Count(s => s.Kind == AdmissionStepKind.Removal),
            steps.Count(s => s.Kind == AdmissionStepKind.Withdrawal), targets, probationary);
    }
}
