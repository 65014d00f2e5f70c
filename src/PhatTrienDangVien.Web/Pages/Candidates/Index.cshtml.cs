using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Candidates;

[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db, TimeProvider clock, Auditing.AccessTrail trail, People.PersonalData personal, Admission.CandidateProgress progress,
    FigureCache figures) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    /// <summary>The cells of an organisation (a sub-committee, the commune), as the dashboard counts them.</summary>
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    public Planning.PlanData.OrgFilter? Org { get; private set; }
    [BindProperty(SupportsGet = true)] public int? SourceId { get; set; }
    [BindProperty(SupportsGet = true)] public bool Young { get; set; }
    [BindProperty(SupportsGet = true)] public bool NoMentor { get; set; }
    [BindProperty(SupportsGet = true)] public AdmissionStage? Stage { get; set; }
    /// <summary>"overdue" (quá hạn) or "soon" (đến hạn trong <see cref="DueSoonDays"/> ngày làm việc tới).</summary>
    [BindProperty(SupportsGet = true)] public string? Due { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public PageResult<Row> Result { get; private set; } = null!;
    public List<SelectListItem> Cells { get; private set; } = [];
    public List<SelectListItem> SourceItems { get; private set; } = [];
    /// <summary>Each stage with the number of rows the list shows when it is chosen (the other filters kept).</summary>
    public List<(AdmissionStage Stage, int Count)> StageCounts { get; private set; } = [];
    public int OverdueCount { get; private set; }
    public int DueSoonCount { get; private set; }
    /// <summary>The commune's "sắp đến hạn" horizon (working days), as the home page and the work list use it.</summary>
    public int DueSoonDays { get; private set; } = Core.Notifications.AlertThresholds.Default.DueSoonWorkingDays;
    public DateOnly Today => Core.Common.VietnamTime.Today(clock);

    public sealed record Row(int Id, string FullName, Core.Reference.Gender Gender, DateOnly DateOfBirth, string Cell, DateOnly AddedOn,
        int? MentorMemberId, CandidateStatus Status, string? ProfessionalEducationCode, IEnumerable<string> Sources,
        Core.People.DatePrecision DateOfBirthPrecision = Core.People.DatePrecision.Day)
    {
        public string? Mentor { get; init; }
        public AdmissionStage Stage { get; init; }
        /// <summary>The next step and its due date, as the work list and the timeline say it.</summary>
        public PendingAction? Next { get; init; }
        public bool IsOverdue => Next?.WorkingDaysLeft < 0;
        public bool IsDueSoonWithin(int days) => Next?.WorkingDaysLeft is >= 0 and var d && d <= days;
    }

    /// <summary>The stages a candidate still in the source list can be at: from the start to the decision.</summary>
    public static readonly IReadOnlyList<AdmissionStage> ListedStages =
        [.. Enum.GetValues<AdmissionStage>().Where(s => s <= AdmissionStage.Decided)];

    public async Task<IActionResult> OnGetAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        if (Query.Print) (await exporter.PrintAsync(List, await FilterTextAsync(ct), "quần chúng", ct)).Put(ViewData);
        Cells = await Lookups.CellsAsync(db, ct);
        var sources = await db.SourceCategories.OrderBy(s => s.SortOrder).ToListAsync(ct);
        SourceItems = [.. sources.Select(s => new SelectListItem(s.Name, s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))];
        var rows = await RowsAsync(ct, sources.Select(s => s.Id).ToHashSet());
        Result = new PageResult<Row>([.. rows.Skip(Query.Skip).Take(Query.Size)], rows.Count, Query);
        return Page();
    }

    private async Task<bool> SelectOrganisationAsync(CancellationToken ct)
    {
        (var found, Org) = await Planning.PlanData.ListFilterAsync(db, OrgId, ct);
        // A cell outside the user's scope is "not found", as an organisation is: an empty list titled "all" misleads.
        if (found && CellId is { } cell) found = await db.Organisations.AnyAsync(o => o.Id == cell, ct);
        return found;
    }

    public static readonly IReadOnlyList<Export.Field<Row>> Fields =
    [
        new("Họ và tên", r => r.FullName), new("Giới tính", r => Lookups.GenderName(r.Gender)),
        new("Ngày sinh", r => Dates.Cell(r.DateOfBirth, r.DateOfBirthPrecision), Export.ColumnFormat.Date), new("Chi bộ", r => r.Cell),
        new("Ngày vào nguồn", r => r.AddedOn, Export.ColumnFormat.Date), new("Đảng viên giúp đỡ", r => r.Mentor),
        new("Nguồn", r => string.Join("; ", r.Sources)),
        new("Giai đoạn", r => StepNames.Of(r.Stage)), new("Việc tiếp theo", r => r.Next is { } n ? StepNames.Of(n.Kind) : null),
        new("Hạn", r => r.Next?.DueDate, Export.ColumnFormat.Date),
        new("Còn (ngày làm việc)", r => r.Next?.WorkingDaysLeft is { } d ? Dates.WorkingDaysLeft(d) : null),
    ];

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        var rows = await RowsAsync(ct);
        await trail.ExportedAsync("Quần chúng ưu tú", rows.Count, ct);
        return File(Export.Exporter.Csv(Fields, rows), "text/csv", Export.Exporter.DatedName("quan-chung-uu-tu", Core.Common.VietnamTime.Today(clock), "csv"));
    }

    /// <summary>The same rows as the page (every page of it), in the page's order, as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        var rows = await RowsAsync(ct);
        return await exporter.ListAsync(List, "quan-chung-uu-tu", await FilterTextAsync(ct), Fields, rows, ct);
    }

    private const string List = "Quần chúng ưu tú";

    /// <summary>The filters in words, for the file's title rows and the print view's head.</summary>
    private async Task<string> FilterTextAsync(CancellationToken ct)
    {
        var parts = new List<string?> { Org?.Described };
        if (CellId is { } c) parts.Add(await db.Organisations.Where(o => o.Id == c).Select(o => o.Name).FirstOrDefaultAsync(ct));
        if (SourceId is { } s) parts.Add("nguồn " + await db.SourceCategories.Where(x => x.Id == s).Select(x => x.Name).FirstOrDefaultAsync(ct));
        if (Young) parts.Add("trẻ (đến 30 tuổi)");
        if (NoMentor) parts.Add("chưa có đảng viên giúp đỡ");
        if (Stage is { } stage) parts.Add($"giai đoạn “{StepNames.Of(stage)}”");
        if (DueText is { } due) parts.Add(due);
        if (!string.IsNullOrWhiteSpace(Search)) parts.Add($"tên có “{Search.Trim()}”");
        return parts.OfType<string>().ToList() is { Count: > 0 } p ? "Điều kiện lọc: " + string.Join("; ", p) : "Tất cả quần chúng trong nguồn";
    }

    private IQueryable<Candidate> Filtered()
    {
        var q = db.Candidates.AsNoTracking().Where(c => c.Status == CandidateStatus.Active);
        var folded = VietnameseText.Fold(Search);
        // Finding a person by a full citizen ID tells whose it is: only for a role that may see the numbers.
        var byCitizenId = personal.MayReveal;
        if (folded.Length > 0) q = q.Where(c => c.Person.FullNameFolded.Contains(folded) || (byCitizenId && c.Person.CitizenId == folded));
        if (CellId is { } cell) q = q.Where(c => c.CellId == cell);
        if (Org?.CellIds is { } orgCells) q = q.Where(c => orgCells.Contains(c.CellId));
        if (SourceId is { } s) q = q.Where(c => c.Sources.Any(x => x.SourceCategoryId == s));
        if (Young)
        {
            // Not older than 30 full years: born after this date 31 years ago.
            var bornAfter = Today.AddYears(-(CandidateFacts.YoungMaxAge + 1));
            q = q.Where(c => c.Person.DateOfBirth > bornAfter);
        }
        if (NoMentor) q = q.Where(c => c.MentorMemberId == null);
        return q;
    }

    /// <summary>The deadline filter in words; null when none is chosen.</summary>
    public string? DueText => Due switch
    {
        "overdue" => "quá hạn",
        "soon" => $"đến hạn trong {DueSoonDays} ngày làm việc tới",
        _ => null,
    };

    /// <summary>
    /// Every row the filters keep, in the list's order: the database filters and orders by what it holds; the stage
    /// and the next step come from the engine over all the rows' steps (one read), so their filters, counts and sorts
    /// are applied here. A commune's source list is some hundreds of people, so all of it is read at once.
    /// </summary>
    /// <param name="sources">The sources that exist, when the caller has already read them (the page, for its select
    /// box); the exports ask whether the filtered one exists.</param>
    private async Task<List<Row>> RowsAsync(CancellationToken ct, HashSet<int>? sources = null)
    {
        // Without a name typed, the rows the database filters keep, with each case's stage and next step, are kept with
        // the figures under the data version, the scope and the day (decision 0035): the list is a page of the office's
        // day, read far more often than a step is recorded, and working out every case was a third of its time. What
        // is filtered and sorted below is applied to the kept rows at each view. A typed name is not kept (one entry
        // per search would crowd the figures out), nor a source that does not exist (any number typed in the address
        // would be an entry); the sort is keyed by the order the database gives, one of a few.
        var keep = string.IsNullOrWhiteSpace(Search)
            && (SourceId is not { } source || (sources?.Contains(source) ?? await db.SourceCategories.AnyAsync(x => x.Id == source, ct)));
        var rows = keep
            ? await figures.GetRowsAsync(db, "candidate-rows", RowsKey, () => ReadRowsAsync(ct), ct)
            : await ReadRowsAsync(ct);
        DueSoonDays = await progress.DueSoonWorkingDaysAsync(ct);
        bool DueKept(Row r) => Due switch
        {
            "overdue" => r.IsOverdue,
            "soon" => r.IsDueSoonWithin(DueSoonDays),
            _ => true,
        };
        var byStage = rows.Where(DueKept).ToList();
        StageCounts = [.. ListedStages.Union(byStage.Select(r => r.Stage)).Order().Select(s => (s, byStage.Count(r => r.Stage == s)))];
        IReadOnlyList<Row> byDue = Stage is { } stage ? [.. rows.Where(r => r.Stage == stage)] : rows;
        OverdueCount = byDue.Count(r => r.IsOverdue);
        DueSoonCount = byDue.Count(r => r.IsDueSoonWithin(DueSoonDays));
        var kept = byDue.Where(DueKept);
        // Enumerable's sorts are stable: rows that tie keep the database's name order.
        return (Query.Sort?.ToLowerInvariant(), Query.Desc) switch
        {
            ("stage", false) => [.. kept.OrderBy(r => r.Stage)],
            ("stage", true) => [.. kept.OrderByDescending(r => r.Stage)],
            ("next", false) => [.. kept.OrderBy(r => r.Next is null).ThenBy(r => r.Next?.Kind)],
            ("next", true) => [.. kept.OrderBy(r => r.Next is null).ThenByDescending(r => r.Next?.Kind)],
            // Cases without a due date go last either way: a list sorted by deadline is read from the top.
            ("due", false) => [.. kept.OrderBy(r => r.Next?.DueDate is null).ThenBy(r => r.Next?.DueDate)],
            ("due", true) => [.. kept.OrderBy(r => r.Next?.DueDate is null).ThenByDescending(r => r.Next?.DueDate)],
            ("left", false) => [.. kept.OrderBy(r => r.Next?.WorkingDaysLeft is null).ThenBy(r => r.Next?.WorkingDaysLeft)],
            ("left", true) => [.. kept.OrderBy(r => r.Next?.WorkingDaysLeft is null).ThenByDescending(r => r.Next?.WorkingDaysLeft)],
            _ => [.. kept],
        };
    }

    /// <summary>Every input of <see cref="Filtered"/> and <see cref="Sorted"/> but the typed name (never kept; whether the
    /// role may search by citizen ID matters only with one).</summary>
    private string RowsKey => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{CellId}|{OrgId}|{SourceId}|{Young}|{NoMentor}|{DbOrder}");

    /// <summary>The order the database gives, one of a few names: any other sort typed in the address is the name order,
    /// and the sorts by stage, next step, due date and days left are applied after it (<see cref="RowsAsync"/>).</summary>
    private string DbOrder => (Query.Sort?.ToLowerInvariant(), Query.Desc) switch
    {
        ("stage" or "next" or "due" or "left", _) => "name",
        ("dob", false) => "dob",
        ("dob", true) => "dob-desc",
        ("cell", false) => "cell",
        ("cell", true) => "cell-desc",
        ("added", false) => "added",
        ("added", true) => "added-desc",
        (_, true) => "name-desc",
        _ => "name",
    };

    private async Task<IReadOnlyList<Row>> ReadRowsAsync(CancellationToken ct)
    {
        var rows = await WithMentorsAsync(await Sorted(Filtered()).Select(Project()).ToListAsync(ct), ct);
        var cases = await progress.ForAsync([.. rows.Select(r => (r.Id, r.DateOfBirth))], ct);
        return [.. rows.Select(r => cases.TryGetValue(r.Id, out var p) ? r with { Stage = p.Stage, Next = p.Next } : r)];
    }

    // Stage, next step, due date and days left are sorted in memory after the engine (RowsAsync); the database gives
    // the name order ties keep.
    private IQueryable<Candidate> Sorted(IQueryable<Candidate> q) => DbOrder switch
    {
        "dob" => q.OrderBy(c => c.Person.DateOfBirth).ThenBy(c => c.Id),
        "dob-desc" => q.OrderByDescending(c => c.Person.DateOfBirth).ThenBy(c => c.Id),
        "cell" => q.OrderBy(c => c.Cell.NameFolded).ThenBy(c => c.Person.NameSortKey),
        "cell-desc" => q.OrderByDescending(c => c.Cell.NameFolded).ThenBy(c => c.Person.NameSortKey),
        "added" => q.OrderBy(c => c.AddedOn).ThenBy(c => c.Id),
        "added-desc" => q.OrderByDescending(c => c.AddedOn).ThenBy(c => c.Id),
        "name-desc" => q.OrderByDescending(c => c.Person.NameSortKey).ThenBy(c => c.Id),
        _ => q.OrderBy(c => c.Person.NameSortKey).ThenBy(c => c.Id),
    };

    private static System.Linq.Expressions.Expression<Func<Candidate, Row>> Project() => c => new Row(c.Id, c.Person.FullName, c.Person.Gender,
        c.Person.DateOfBirth, c.Cell.Name, c.AddedOn, c.MentorMemberId, c.Status,
        c.Person.ProfessionalEducationCode, c.Sources.Select(s => s.SourceCategory.Name), c.Person.DateOfBirthPrecision);

    /// <summary>
    /// The mentor's name is part of a visible case even when the mentor's own record is not in the user's cells (a
    /// mentor reads their candidates, not the register). Read apart: switching the cell filter off inside the list's
    /// query would switch it off for the candidates too.
    /// </summary>
    private async Task<List<Row>> WithMentorsAsync(List<Row> rows, CancellationToken ct)
    {
        var ids = rows.Where(r => r.MentorMemberId != null).Select(r => r.MentorMemberId!.Value).Distinct().ToList();
        var names = await db.Members.WholeCommune().Where(m => ids.Contains(m.Id)).Select(m => new { m.Id, m.Person.FullName })
            .ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        return [.. rows.Select(r => r with { Mentor = r.MentorMemberId is { } id ? names.GetValueOrDefault(id) : null })];
    }
}
