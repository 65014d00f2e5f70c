using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Schools;

[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(int Id, string Name, SchoolLevel Level, string? Hamlet, int? CellId, string? Cell, int Teachers, int Members, int Candidates);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The school's cell is named even when the user's role covers other cells: "no cell" would be a false gap.
        var schools = await db.Schools.AsNoTracking().WholeCommune().Select(s => new
        {
            s.Id, s.Name, s.Level, Hamlet = s.Hamlet != null ? s.Hamlet.Name : null, s.CellId, Cell = s.Cell != null ? s.Cell.Name : null, s.Teachers,
        }).ToListAsync(ct);
        var cellIds = schools.Where(s => s.CellId != null).Select(s => s.CellId!.Value).ToList();
        // Counts per cell are figures, not people: shown to every user of the commune, as on the hamlet list.
        var members = await db.Members.WholeCommune().Where(m => cellIds.Contains(m.CellId) && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary))
            .GroupBy(m => m.CellId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var candidates = await db.Candidates.WholeCommune().Where(c => cellIds.Contains(c.CellId) && c.Status == CandidateStatus.Active)
            .GroupBy(c => c.CellId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var collator = StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), true);
        Rows = schools.Select(s => new Row(s.Id, s.Name, s.Level, s.Hamlet, s.CellId, s.Cell, s.Teachers,
                s.CellId is { } c ? members.GetValueOrDefault(c) : 0, s.CellId is { } c2 ? candidates.GetValueOrDefault(c2) : 0))
            .OrderBy(r => r.CellId is null ? 0 : 1).ThenBy(r => r.Name, collator).ToList();
    }
}
