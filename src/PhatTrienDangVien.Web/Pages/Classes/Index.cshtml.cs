using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Classes;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Classes;

/// <summary>The classes the commune has seats in (or hosts): upcoming first, with its seats and its people's progress.</summary>
[RequirePermission(Permission.ReadRecords)]
public class IndexModel(AppDbContext db, Access access, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, ClassKind Kind, string Name, string Center, DateOnly OpensOn, DateOnly ClosesOn, string? Place, int Capacity, int? Seats,
        int Proposed, int Approved, int Passed, int Failed);

    [BindProperty(SupportsGet = true)] public ClassKind? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public List<Row> Upcoming { get; private set; } = [];
    public List<Row> Past { get; private set; } = [];
    public List<int> Years { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public static readonly IReadOnlyList<Export.Field<Row>> Fields =
    [
        new("Loại lớp", r => ClassWords.Kind(r.Kind)), new("Lớp", r => r.Name), new("Trung tâm", r => r.Center),
        new("Khai giảng", r => r.OpensOn, Export.ColumnFormat.Date), new("Bế giảng", r => r.ClosesOn, Export.ColumnFormat.Date), new("Địa điểm", r => r.Place),
        new("Sĩ số tối đa", r => r.Capacity, Export.ColumnFormat.Number), new("Chỉ tiêu của xã", r => r.Seats, Export.ColumnFormat.Number),
        new("Chờ duyệt", r => r.Proposed, Export.ColumnFormat.Number), new("Đã duyệt", r => r.Approved, Export.ColumnFormat.Number),
        new("Đạt", r => r.Passed, Export.ColumnFormat.Number), new("Không đạt", r => r.Failed, Export.ColumnFormat.Number),
    ];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync([FromServices] Export.Exporter exporter, CancellationToken ct)
    {
        if (Kind is { } k && !Enum.IsDefined(k)) Kind = null;
        await LoadAsync(ct);
        return await exporter.ListAsync("Lớp bồi dưỡng", "lop-boi-duong", null, Fields, [.. Upcoming, .. Past], ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = Core.Common.VietnamTime.Today(clock);
        var commune = access.Scope.CommuneId;
        var classes = await db.PartyClasses.AsNoTracking().Include(c => c.Center).Include(c => c.Quotas).ToListAsync(ct);
        Years = [.. classes.Select(c => c.OpensOn.Year).Distinct().OrderDescending()];
        var ids = classes.Select(c => c.Id).ToList();
        var counts = (await db.ClassEnrolments.AsNoTracking().Where(e => ids.Contains(e.ClassId))
                .GroupBy(e => new { e.ClassId, e.Status, e.Result }).Select(g => new { g.Key.ClassId, g.Key.Status, g.Key.Result, Count = g.Count() }).ToListAsync(ct))
            .ToLookup(x => x.ClassId);
        var rows = classes.Where(c => (Kind == null || c.Kind == Kind) && (Year == null || c.OpensOn.Year == Year)).Select(c => new Row(c.Id, c.Kind, c.Name, c.Center.Name, c.OpensOn, c.ClosesOn, c.Place, c.Capacity,
            c.Quotas.FirstOrDefault(q => q.CommuneId == commune)?.Seats,
            counts[c.Id].Where(x => x.Status == EnrolmentStatus.Proposed).Sum(x => x.Count),
            counts[c.Id].Where(x => x.Status == EnrolmentStatus.Approved).Sum(x => x.Count),
            counts[c.Id].Where(x => x.Result == ClassResult.Passed).Sum(x => x.Count),
            counts[c.Id].Where(x => x.Result == ClassResult.Failed).Sum(x => x.Count))).ToList();
        Upcoming = [.. rows.Where(r => r.ClosesOn >= Today).OrderBy(r => r.OpensOn).ThenBy(r => r.Name)];
        Past = [.. rows.Where(r => r.ClosesOn < Today).OrderByDescending(r => r.OpensOn).ThenBy(r => r.Name)];
    }
}
