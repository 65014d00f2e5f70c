using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Reference;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Members;

[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db, Auditing.AccessTrail trail, People.PersonalData personal, FigureCache figures) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true)] public int? CellId { get; set; }
    /// <summary>The cells of an organisation (a sub-committee, the commune), as the organisation tree counts them.</summary>
    [BindProperty(SupportsGet = true)] public int? OrgId { get; set; }
    public Planning.PlanData.OrgFilter? Org { get; private set; }
    [BindProperty(SupportsGet = true)] public MemberStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Gender? Gender { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public PageResult<Row> Result { get; private set; } = null!;
    public List<SelectListItem> Cells { get; private set; } = [];

    public sealed record Row(int Id, string FullName, Gender Gender, DateOnly DateOfBirth, string Cell, MemberStatus Status,
        DateOnly? CeremonyDate, DateOnly? OfficialDate, string? Hamlet, CommitteePositions Positions,
        DatePrecision DateOfBirthPrecision = DatePrecision.Day, DatePrecision CeremonyDatePrecision = DatePrecision.Day, DatePrecision OfficialDatePrecision = DatePrecision.Day);

    public async Task<IActionResult> OnGetAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        if (Query.Print) (await exporter.PrintAsync(List, await FilterTextAsync(ct), "đảng viên", ct)).Put(ViewData);
        Cells = await Lookups.CellsAsync(db, ct);
        var (items, total) = Kept
            ? await figures.GetAsync(db, "member-page", PageKey, () => ReadPageAsync(ct), ct)
            : await ReadPageAsync(ct);
        Result = new PageResult<Row>(items, total, Query);
        return Page();
    }

    private async Task<(IReadOnlyList<Row> Items, int Total)> ReadPageAsync(CancellationToken ct)
    {
        var filtered = Filtered();
        var total = await filtered.CountAsync(ct);
        return (await Sorted(filtered).Skip(Query.Skip).Take(Query.Size).Select(Project()).ToListAsync(ct), total);
    }

    /// <summary>
    /// The list as it is usually read (no name typed, no single cell, no status or gender picked, one of the first five
    /// pages at the usual size, in one of the list's sorts) is kept with the figures under the data version and the
    /// user's scope: members change far less often than the list is opened. That is 40 views at most per organisation;
    /// any other is read each time, so no address typed can fill the cache.
    /// </summary>
    private bool Kept => string.IsNullOrWhiteSpace(Search) && CellId is null && Status is null && Gender is null && !Query.Print
        && Query.Page is >= 1 and <= 5 && Query.Size == ListQuery.DefaultPageSize;

    /// <summary>The view's key.</summary>
    private string PageKey => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{OrgId}|{SortKey}|{Query.Desc}|{Query.Page}");

    /// <summary>The sorts the list knows by name (<see cref="Sorted"/>); any other is the name order.</summary>
    private string SortKey => Query.Sort?.ToLowerInvariant() switch
    {
        "dob" => "dob",
        "cell" => "cell",
        "ceremony" => "ceremony",
        _ => "name",
    };

    private async Task<bool> SelectOrganisationAsync(CancellationToken ct)
    {
        (var found, Org) = await Planning.PlanData.ListFilterAsync(db, OrgId, ct);
        return found;
    }

    public static readonly IReadOnlyList<Export.Field<Row>> Fields =
    [
        new("Họ và tên", r => r.FullName), new("Giới tính", r => Lookups.GenderName(r.Gender)),
        new("Ngày sinh", r => Dates.Cell(r.DateOfBirth, r.DateOfBirthPrecision), Export.ColumnFormat.Date), new("Chi bộ", r => r.Cell), new("Tình trạng", r => Lookups.StatusName(r.Status)),
        new("Ngày kết nạp", r => Dates.Cell(r.CeremonyDate, r.CeremonyDatePrecision), Export.ColumnFormat.Date),
        new("Ngày chính thức", r => Dates.Cell(r.OfficialDate, r.OfficialDatePrecision), Export.ColumnFormat.Date),
        new("Ấp", r => r.Hamlet), new("Chức vụ", r => Lookups.PositionNames(r.Positions)),
    ];

    public async Task<IActionResult> OnGetExportAsync([FromServices] TimeProvider clock, CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        var rows = await Sorted(Filtered()).Select(Project()).ToListAsync(ct);
        await trail.ExportedAsync("Đảng viên", rows.Count, ct);
        return File(Export.Exporter.Csv(Fields, rows), "text/csv", Export.Exporter.DatedName("dang-vien", Core.Common.VietnamTime.Today(clock), "csv"));
    }

    /// <summary>The same rows as the page (every page of it), in the page's order, as .xlsx.</summary>
    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        var rows = await Sorted(Filtered()).Select(Project()).ToListAsync(ct);
        return await exporter.ListAsync(List, "dang-vien", await FilterTextAsync(ct), Fields, rows, ct);
    }

    private const string List = "Đảng viên";

    /// <summary>The filters in words, for the file's title rows and the print view's head.</summary>
    private async Task<string> FilterTextAsync(CancellationToken ct)
    {
        var parts = new List<string>();
        if (Org is { } org) parts.Add(org.Described);
        if (CellId is { } c) parts.Add(await db.Organisations.Where(o => o.Id == c).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "");
        parts.Add(Status is { } s ? "tình trạng " + Lookups.StatusName(s) : "đang sinh hoạt");
        if (Gender is { } g) parts.Add(Lookups.GenderName(g));
        if (!string.IsNullOrWhiteSpace(Search)) parts.Add($"tên có “{Search.Trim()}”");
        return "Điều kiện lọc: " + string.Join("; ", parts.Where(p => p.Length > 0));
    }

    private IQueryable<Member> Filtered()
    {
        var q = db.Members.AsNoTracking();
        var folded = VietnameseText.Fold(Search);
        // Finding a person by a full citizen ID tells whose it is: only for a role that may see the numbers.
        var byCitizenId = personal.MayReveal;
        if (folded.Length > 0) q = q.Where(m => m.Person.FullNameFolded.Contains(folded) || (byCitizenId && m.Person.CitizenId == folded));
        if (CellId is { } c) q = q.Where(m => m.CellId == c);
        if (Org?.CellIds is { } orgCells) q = q.Where(m => orgCells.Contains(m.CellId));
        if (Status is { } s) q = q.Where(m => m.Status == s);
        else q = q.Where(m => m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary);
        if (Gender is { } g) q = q.Where(m => m.Person.Gender == g);
        return q;
    }

    private IQueryable<Member> Sorted(IQueryable<Member> q) => (SortKey, Query.Desc) switch
    {
        ("dob", false) => q.OrderBy(m => m.Person.DateOfBirth).ThenBy(m => m.Id),
        ("dob", true) => q.OrderByDescending(m => m.Person.DateOfBirth).ThenBy(m => m.Id),
        ("cell", false) => q.OrderBy(m => m.Cell.NameFolded).ThenBy(m => m.Person.NameSortKey),
        ("cell", true) => q.OrderByDescending(m => m.Cell.NameFolded).ThenBy(m => m.Person.NameSortKey),
        ("ceremony", false) => q.OrderBy(m => m.CeremonyDate).ThenBy(m => m.Id),
        ("ceremony", true) => q.OrderByDescending(m => m.CeremonyDate).ThenBy(m => m.Id),
        (_, true) => q.OrderByDescending(m => m.Person.NameSortKey).ThenBy(m => m.Id),
        _ => q.OrderBy(m => m.Person.NameSortKey).ThenBy(m => m.Id),
    };

    private static System.Linq.Expressions.Expression<Func<Member, Row>> Project() => m => new Row(m.Id, m.Person.FullName, m.Person.Gender,
        m.Person.DateOfBirth, m.Cell.Name, m.Status, m.CeremonyDate, m.OfficialDate, m.Person.Hamlet != null ? m.Person.Hamlet.Name : null, m.Positions,
        m.Person.DateOfBirthPrecision, m.CeremonyDatePrecision, m.OfficialDatePrecision);
}
