using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Admission;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Responsibilities;

/// <summary>
/// A committee member's dashboard of the cells they follow today: this year's target against admissions so far, the
/// source pool, overdue steps and candidates still without a mentor. A committee member sees only their own.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class MemberModel(AppDbContext db, WorkList work) : PageModel
{
    public string MemberName { get; private set; } = "";
    public int MemberId { get; private set; }
    public int Year => Window.Year;
    /// <summary>This year's window in the term (as the dashboard reads it).</summary>
    public Core.Planning.TermYear Window { get; private set; } = null!;
    public List<CellRow> Cells { get; } = [];

    public sealed record CellRow(int CellId, string Cell, DateOnly From, DateOnly? To, int? Target, int Admitted, int Pool,
        int WithoutMentor, IReadOnlyList<WorkList.Item> Overdue);

    /// <summary>Those who see the whole commune read every committee member's page; a committee member reads their own.</summary>
    public static bool MaySee(DataScope scope, int memberId) =>
        scope.Unrestricted || scope.WholeCommune || scope.OwnMemberId == memberId;

    public async Task<IActionResult> OnGetAsync(int memberId, CancellationToken ct)
    {
        if (!MaySee(db.Scope, memberId)) return Forbid();
        var scope = db.Scope;
        var member = await db.Members.WholeCommune()
            .Where(m => m.Id == memberId)
            .Select(m => new { m.Id, m.Person.FullName }).FirstOrDefaultAsync(ct);
        if (member is null) return NotFound();
        MemberId = member.Id;
        MemberName = member.FullName;
        var today = work.Today;
        Window = Planning.PlanData.ThisYear(await Planning.PlanData.CurrentTermAsync(db, today, ct), today);
        var start = Window.First;
        var end = Window.Last;

        var assignments = await db.CellResponsibilities.AsNoTracking()
            .Where(r => r.MemberId == memberId && r.From <= today && (r.To == null || r.To >= today))
            .Select(r => new { r.CellId, Cell = r.Cell.Name, r.From, r.To }).ToListAsync(ct);
        var cellIds = assignments.Select(a => a.CellId).Distinct().ToList();
        if (cellIds.Count == 0) return Page();

        var targets = await db.CellTargets.AsNoTracking().Where(t => t.Year == Year && cellIds.Contains(t.CellId))
            .ToDictionaryAsync(t => t.CellId, t => t.Count, ct);
        var admitted = await Planning.Gaps.AdmittedByCellAsync(db, cellIds, start, end, ct);
        var pool = await db.Candidates.AsNoTracking().Where(c => c.Status == CandidateStatus.Active && cellIds.Contains(c.CellId))
            .GroupBy(c => c.CellId).Select(g => new { g.Key, Count = g.Count(), NoMentor = g.Count(c => c.MentorMemberId == null) })
            .ToDictionaryAsync(g => g.Key, ct);
        var overdue = (await work.ItemsAsync(ct)).Where(i => i.IsOverdue && cellIds.Contains(i.CellId)).ToLookup(i => i.CellId);

        var vi = StringComparer.Create(new CultureInfo("vi-VN"), true);
        foreach (var a in assignments.OrderBy(a => a.Cell, vi))
        {
            var p = pool.GetValueOrDefault(a.CellId);
            Cells.Add(new CellRow(a.CellId, a.Cell, a.From, a.To, targets.TryGetValue(a.CellId, out var t) ? t : null,
                admitted.GetValueOrDefault(a.CellId), p?.Count ?? 0, p?.NoMentor ?? 0,
                overdue[a.CellId].OrderBy(i => i.Next.WorkingDaysLeft).ToList()));
        }
        return Page();
    }
}
