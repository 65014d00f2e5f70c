using System.Text;
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
public class IndexModel(AppDbContext db, Auditing.AccessTrail trail, People.PersonalData personal) : PageModel
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
        DateOnly? CeremonyDate, DateOnly? OfficialDate, string? Hamlet, CommitteePositions Positions);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        Cells = await Lookups.CellsAsync(db, ct);
        var filtered = Filtered();
        var total = await filtered.CountAsync(ct);
        var items = await Sorted(filtered).Skip(Query.Skip).Take(Query.Size).Select(Project()).ToListAsync(ct);
        Result = new PageResult<Row>(items, total, Query);
        return Page();
    }

    private async Task<bool> SelectOrganisationAsync(CancellationToken ct)
    {
        (var found, Org) = await Planning.PlanData.ListFilterAsync(db, OrgId, ct);
        return found;
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!await SelectOrganisationAsync(ct)) return NotFound();
        var rows = await Sorted(Filtered()).Select(Project()).ToListAsync(ct);
        var csv = new StringBuilder("Họ và tên,Giới tính,Ngày sinh,Chi bộ,Tình trạng,Ngày kết nạp,Ngày chính thức,Ấp,Chức vụ\r\n");
        foreach (var r in rows)
            csv.AppendJoin(',', new[] { r.FullName, Lookups.GenderName(r.Gender), Lookups.Date(r.DateOfBirth), r.Cell, Lookups.StatusName(r.Status),
                Lookups.Date(r.CeremonyDate), Lookups.Date(r.OfficialDate), r.Hamlet ?? "", Lookups.PositionNames(r.Positions) }.Select(Csv.Escape)).Append("\r\n");
        await trail.ExportedAsync("Đảng viên", rows.Count, ct);
        return File(Csv.Encode(csv.ToString()), "text/csv", "dang-vien.csv");
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

    private IQueryable<Member> Sorted(IQueryable<Member> q) => (Query.Sort?.ToLowerInvariant(), Query.Desc) switch
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
        m.Person.DateOfBirth, m.Cell.Name, m.Status, m.CeremonyDate, m.OfficialDate, m.Person.Hamlet != null ? m.Person.Hamlet.Name : null, m.Positions);
}
