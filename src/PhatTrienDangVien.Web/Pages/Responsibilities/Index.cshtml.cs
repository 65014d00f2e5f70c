using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Responsibilities;

namespace PhatTrienDangVien.Web.Pages.Responsibilities;

/// <summary>
/// Phân công cấp ủy viên phụ trách chi bộ: who is in charge of which cells, both ways, with the history. An assignment
/// is ended (its last day set), never deleted, so the record of who followed a cell when stays.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, TimeProvider clock, Access access, AssignCell assign, EndAssignment end) : PageModel
{
    private static readonly StringComparer s_vi = StringComparer.Create(new CultureInfo("vi-VN"), true);

    public AssignInput Input { get; private set; } = new();

    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }
    public List<Assignment> All { get; private set; } = [];
    public List<(int Id, string Name)> CommitteeMembers { get; private set; } = [];
    public List<(int Id, string Name)> Cells { get; private set; } = [];
    public List<SelectListItem> MemberOptions => CommitteeMembers.Select(m => new SelectListItem(m.Name, m.Id.ToString(CultureInfo.InvariantCulture))).ToList();
    public List<SelectListItem> CellOptions => Cells.Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture))).ToList();
    /// <summary>The assignment the user tried to end, and the day they typed, to show them again beside its error or conflict.</summary>
    public int? EndingId { get; private set; }
    public DateOnly? EndingOn { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public sealed record Assignment(int Id, int Version, int MemberId, string Member, int CellId, string Cell, DateOnly From, DateOnly? To)
    {
        public bool IsCurrent(DateOnly today) => Periods.Covers(From, To, today);
    }

    public IEnumerable<Assignment> Current => All.Where(a => a.IsCurrent(Today));

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input.From = Today;
    }

    // The assignment form binds here rather than to a page property, so that ending an assignment does not validate it.
    [RequireHandlerPermission(Permission.ManageResponsibilities)]
    public async Task<IActionResult> OnPostAsync([Bind(Prefix = "Input")] AssignInput input, CancellationToken ct)
    {
        Input = input;
        var outcome = ModelState.IsValid ? await assign.HandleAsync(input, ct) : null;
        if (outcome?.IsDone != true) await LoadAsync(ct);
        if (outcome is null) return Page();
        if (this.Show(outcome) is { } shown) return shown;
        var saved = outcome.Value!;
        TempData["Success"] = $"Đã phân công đồng chí {saved.Member.Person.FullName} phụ trách {saved.Cell.Name} từ {Lookups.Date(saved.From)}.";
        return Redirect("/Responsibilities");
    }

    /// <summary>Thôi phụ trách từ ngày <paramref name="endOn"/>: the assignment's last day is the day before.</summary>
    [RequireHandlerPermission(Permission.ManageResponsibilities)]
    public async Task<IActionResult> OnPostEndAsync(int id, int version, DateOnly? endOn, CancellationToken ct)
    {
        EndingId = id;
        EndingOn = endOn;
        var outcome = ModelState.IsValid ? await end.HandleAsync(id, version, endOn, ct) : null;
        if (outcome?.IsDone != true) await LoadAsync(ct);
        if (outcome is null) return Page();
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = $"Đã kết thúc phân công; ngày phụ trách cuối cùng là {Lookups.Date(outcome.Value!.To)}.";
        return Redirect("/Responsibilities");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = Core.Common.VietnamTime.Today(clock);
        CanEdit = access.Has(Permission.ManageResponsibilities);
        var committee = await db.CommitteeMembers().Select(m => new { m.Id, m.Person.FullName }).ToListAsync(ct);
        CommitteeMembers = committee.OrderBy(m => m.FullName, s_vi).Select(m => (m.Id, m.FullName)).ToList();
        var cells = await db.Organisations.Where(o => o.Kind == OrganisationKind.Cell && o.IsActive).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        Cells = cells.OrderBy(c => c.Name, s_vi).Select(c => (c.Id, c.Name)).ToList();
        var rows = await db.CellResponsibilities.AsNoTracking()
            .Select(r => new { r.Id, r.Version, r.MemberId, r.CellId, r.From, r.To, Cell = r.Cell.Name }).ToListAsync(ct);
        var memberIds = rows.Select(r => r.MemberId).Distinct().ToList();
        // Committee members' names are shown to whoever sees the cell they follow, across cells (as on the work list).
        var names = await db.Members.WholeCommune().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName, ct);
        All = rows.Select(r => new Assignment(r.Id, r.Version, r.MemberId, names.GetValueOrDefault(r.MemberId, "?"), r.CellId, r.Cell, r.From, r.To))
            .OrderBy(a => a.Member, s_vi).ThenBy(a => a.Cell, s_vi).ThenByDescending(a => a.From).ToList();
    }
}
