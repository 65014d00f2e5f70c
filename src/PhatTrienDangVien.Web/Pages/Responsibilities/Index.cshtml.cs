using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Targets;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Responsibilities;

/// <summary>
/// Phân công cấp ủy viên phụ trách chi bộ: who is in charge of which cells, both ways, with the history. An assignment
/// is ended (its last day set), never deleted, so the record of who followed a cell when stays.
/// </summary>
[RequirePermission(Permission.ViewPlan)]
public class IndexModel(AppDbContext db, TimeProvider clock, Access access) : PageModel
{
    private static readonly StringComparer s_vi = StringComparer.Create(new CultureInfo("vi-VN"), true);

    [BindProperty] public AssignInput Input { get; set; } = new();

    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }
    public List<Assignment> All { get; private set; } = [];
    public List<(int Id, string Name)> CommitteeMembers { get; private set; } = [];
    public List<(int Id, string Name)> Cells { get; private set; } = [];
    public List<SelectListItem> MemberOptions => CommitteeMembers.Select(m => new SelectListItem(m.Name, m.Id.ToString(CultureInfo.InvariantCulture))).ToList();
    public List<SelectListItem> CellOptions => Cells.Select(c => new SelectListItem(c.Name, c.Id.ToString(CultureInfo.InvariantCulture))).ToList();

    public sealed record Assignment(int Id, int Version, int MemberId, string Member, int CellId, string Cell, DateOnly From, DateOnly? To)
    {
        public bool IsCurrent(DateOnly today) => Periods.Covers(From, To, today);
    }

    public IEnumerable<Assignment> Current => All.Where(a => a.IsCurrent(Today));

    public sealed class AssignInput
    {
        [Display(Name = "Cấp ủy viên"), Required(ErrorMessage = "Hãy chọn cấp ủy viên.")]
        public int? MemberId { get; set; }
        [Display(Name = "Chi bộ"), Required(ErrorMessage = "Hãy chọn chi bộ.")]
        public int? CellId { get; set; }
        [Display(Name = "Từ ngày"), Required(ErrorMessage = "Hãy nhập ngày bắt đầu phụ trách.")]
        public DateOnly? From { get; set; }
        [Display(Name = "Đến ngày (bỏ trống nếu chưa định)")]
        public DateOnly? To { get; set; }
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Input.From = Today;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!access.Has(Permission.ManageResponsibilities)) return Forbid();
        await LoadAsync();
        var member = CommitteeMembers.FirstOrDefault(m => m.Id == Input.MemberId);
        var cell = Cells.FirstOrDefault(c => c.Id == Input.CellId);
        if (Input.MemberId is not null && member.Name is null)
            ModelState.AddModelError("Input.MemberId", "Người được chọn không phải là Đảng ủy viên của xã.");
        if (Input.CellId is not null && cell.Name is null)
            ModelState.AddModelError("Input.CellId", "Chi bộ không tồn tại hoặc đã ngừng hoạt động.");
        if (Input.To is { } to && Input.From is { } from && to < from)
            ModelState.AddModelError("Input.To", "Ngày kết thúc phải sau ngày bắt đầu.");
        if (ModelState.IsValid)
        {
            var clash = All.FirstOrDefault(a => a.MemberId == Input.MemberId && a.CellId == Input.CellId
                && Periods.Overlap(a.From, a.To, Input.From!.Value, Input.To));
            if (clash is not null)
                ModelState.AddModelError("Input.From",
                    $"Đồng chí {clash.Member} đã được phân công phụ trách {clash.Cell} từ {Lookups.Date(clash.From)}"
                    + (clash.To is null ? " (chưa kết thúc)" : $" đến {Lookups.Date(clash.To)}")
                    + "; hai khoảng thời gian trùng nhau. Hãy kết thúc phân công cũ hoặc chọn ngày khác.");
        }
        if (!ModelState.IsValid) return Page();
        db.CellResponsibilities.Add(new CellResponsibility
        {
            CommuneId = db.Scope.CommuneId, MemberId = member.Id, CellId = cell.Id, From = Input.From!.Value, To = Input.To,
        });
        await db.SaveChangesAsync();
        TempData["Success"] = $"Đã phân công đồng chí {member.Name} phụ trách {cell.Name} từ {Lookups.Date(Input.From)}.";
        return Redirect("/Responsibilities");
    }

    /// <summary>Thôi phụ trách từ ngày <paramref name="endOn"/>: the assignment's last day is the day before.</summary>
    public async Task<IActionResult> OnPostEndAsync(int id, int version, DateOnly? endOn)
    {
        if (!access.Has(Permission.ManageResponsibilities)) return Forbid();
        var r = await db.CellResponsibilities.FirstOrDefaultAsync(x => x.Id == id);
        if (r is null) return NotFound();
        var day = endOn ?? TodayIn(clock);
        if (day.Year is < 1900 or > 2199)
        {
            TempData["Error"] = "Ngày thôi phụ trách không hợp lệ.";
            return Redirect("/Responsibilities");
        }
        var last = day.AddDays(-1);
        if (day < r.From)
            TempData["Error"] = $"Ngày thôi phụ trách không thể trước ngày bắt đầu ({Lookups.Date(r.From)}).";
        else if (r.To is { } to && to <= last)
            TempData["Error"] = $"Phân công này đã kết thúc ngày {Lookups.Date(to)}.";
        else
        {
            db.Entry(r).Property(x => x.Version).OriginalValue = version;
            r.To = last;
            try
            {
                await db.SaveChangesAsync();
                TempData["Success"] = $"Đã kết thúc phân công; ngày phụ trách cuối cùng là {Lookups.Date(last)}.";
            }
            catch (DbUpdateConcurrencyException)
            {
                TempData["Error"] = "Phân công này vừa được người khác sửa sau khi bạn mở trang; chưa có gì được ghi đè. Hãy xem lại rồi làm lại.";
            }
        }
        return Redirect("/Responsibilities");
    }

    private static DateOnly TodayIn(TimeProvider clock) => Core.Common.VietnamTime.Today(clock);

    private async Task LoadAsync()
    {
        Today = TodayIn(clock);
        CanEdit = access.Has(Permission.ManageResponsibilities);
        var scope = db.Scope;
        // Committee members' names are shown to whoever sees the cell they follow, across cells (as on the work list).
        var committee = await db.Members.IgnoreQueryFilters()
            .Where(m => (scope.Unrestricted || m.CommuneId == scope.CommuneId)
                && (m.Positions & CommitteePositions.CommuneCommitteeMember) != 0
                && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary))
            .Select(m => new { m.Id, m.Person.FullName }).ToListAsync();
        CommitteeMembers = committee.OrderBy(m => m.FullName, s_vi).Select(m => (m.Id, m.FullName)).ToList();
        var cells = await db.Organisations.Where(o => o.Kind == OrganisationKind.Cell && o.IsActive).Select(o => new { o.Id, o.Name }).ToListAsync();
        Cells = cells.OrderBy(c => c.Name, s_vi).Select(c => (c.Id, c.Name)).ToList();
        var rows = await db.CellResponsibilities.AsNoTracking()
            .Select(r => new { r.Id, r.Version, r.MemberId, r.CellId, r.From, r.To, Cell = r.Cell.Name }).ToListAsync();
        var memberIds = rows.Select(r => r.MemberId).Distinct().ToList();
        var names = await db.Members.IgnoreQueryFilters().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Person.FullName }).ToDictionaryAsync(m => m.Id, m => m.FullName);
        All = rows.Select(r => new Assignment(r.Id, r.Version, r.MemberId, names.GetValueOrDefault(r.MemberId, "?"), r.CellId, r.Cell, r.From, r.To))
            .OrderBy(a => a.Member, s_vi).ThenBy(a => a.Cell, s_vi).ThenByDescending(a => a.From).ToList();
    }
}
