using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Organisations;

[RequirePermission(Permission.ManageCommune)]
public class EditModel(AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public OrganisationInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public int? Id { get; private set; }
    public bool IsRoot { get; private set; }
    public List<SelectListItem> Parents { get; private set; } = [];
    public List<SelectListItem> Hamlets { get; private set; } = [];
    public List<SelectListItem> Secretaries { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];

    public sealed class OrganisationInput
    {
        [Display(Name = "Tên"), Required(ErrorMessage = "Hãy nhập tên tổ chức."), StringLength(200)]
        public string Name { get; set; } = "";
        [Display(Name = "Cấp")]
        public OrganisationKind Kind { get; set; } = OrganisationKind.Cell;
        [Display(Name = "Loại chi bộ")]
        public CellKind? CellKind { get; set; } = Core.Organisations.CellKind.Hamlet;
        [Display(Name = "Trực thuộc")]
        public int? ParentId { get; set; }
        [Display(Name = "Ấp gắn với chi bộ")]
        public int? HamletId { get; set; }
        [Display(Name = "Bí thư")]
        public int? SecretaryMemberId { get; set; }
        [Display(Name = "Địa chỉ"), StringLength(300)]
        public string? Address { get; set; }
        [Display(Name = "Ngày thành lập")]
        public DateOnly? EstablishedOn { get; set; }
        [Display(Name = "Đang hoạt động")]
        public bool IsActive { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        Id = id;
        if (id is not null)
        {
            var o = await db.Organisations.FirstOrDefaultAsync(x => x.Id == id);
            if (o is null) return NotFound();
            IsRoot = o.Kind == OrganisationKind.CommuneCommittee;
            Input = new OrganisationInput
            {
                Name = o.Name, Kind = o.Kind, CellKind = o.CellKind, ParentId = o.ParentId, HamletId = o.HamletId,
                SecretaryMemberId = o.SecretaryMemberId, Address = o.Address, EstablishedOn = o.EstablishedOn, IsActive = o.IsActive,
            };
            Version = o.Version;
        }
        else
        {
            Input.ParentId = db.Scope.CommuneId;
        }
        await LoadListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        Id = id;
        Organisation? o = null;
        if (id is not null && (o = await db.Organisations.FirstOrDefaultAsync(x => x.Id == id)) is null) return NotFound();
        IsRoot = o?.Kind == OrganisationKind.CommuneCommittee;
        Input.Name = VietnameseText.Normalize(Input.Name) ?? "";
        Input.Address = VietnameseText.Normalize(Input.Address);
        if (IsRoot)
        {
            Input.Kind = OrganisationKind.CommuneCommittee;
            Input.ParentId = null;
            Input.CellKind = null;
        }
        else
        {
            if (Input.Kind == OrganisationKind.CommuneCommittee) ModelState.AddModelError("Input.Kind", "Chỉ có một Đảng bộ xã; hãy chọn chi bộ hoặc đảng bộ bộ phận.");
            var parent = Input.ParentId is { } p ? await db.Organisations.FirstOrDefaultAsync(x => x.Id == p) : null;
            if (parent is null || parent.Kind == OrganisationKind.Cell)
                ModelState.AddModelError("Input.ParentId", "Hãy chọn Đảng bộ xã hoặc một đảng bộ bộ phận để trực thuộc.");
            else if (Input.Kind == OrganisationKind.SubCommittee && parent.Kind != OrganisationKind.CommuneCommittee)
                ModelState.AddModelError("Input.ParentId", "Đảng bộ bộ phận trực thuộc Đảng bộ xã.");
            if (Input.Kind == OrganisationKind.Cell && Input.CellKind is null) ModelState.AddModelError("Input.CellKind", "Hãy chọn loại chi bộ.");
            if (Input.Kind != OrganisationKind.Cell) Input.CellKind = null;
            if (id is not null && Input.ParentId == id) ModelState.AddModelError("Input.ParentId", "Một tổ chức không thể trực thuộc chính nó.");
        }
        if (Input.EstablishedOn > Core.Common.VietnamTime.Today(clock))
            ModelState.AddModelError("Input.EstablishedOn", "Ngày thành lập không được ở tương lai.");
        if (Input.HamletId is { } h && !await db.Hamlets.AnyAsync(x => x.Id == h)) ModelState.AddModelError("Input.HamletId", "Ấp không tồn tại.");
        if (Input.SecretaryMemberId is { } s && (id is null || !await db.Members.AnyAsync(m => m.Id == s && m.CellId == id && m.Status == MemberStatus.Official)))
            ModelState.AddModelError("Input.SecretaryMemberId", "Bí thư phải là đảng viên chính thức của chính chi bộ này.");
        if (id is not null && o!.Kind != Input.Kind && (await db.Members.AnyAsync(m => m.CellId == id) || await db.Organisations.AnyAsync(x => x.ParentId == id)))
            ModelState.AddModelError("Input.Kind", "Không đổi được cấp của tổ chức đã có đảng viên hoặc tổ chức trực thuộc.");
        if (!ModelState.IsValid)
        {
            await LoadListsAsync();
            return Page();
        }
        if (o is null)
        {
            o = new Organisation { Name = Input.Name, CommuneId = db.Scope.CommuneId };
            db.Organisations.Add(o);
        }
        else
        {
            db.Entry(o).Property(x => x.Version).OriginalValue = Version;
        }
        o.Name = Input.Name;
        o.NameFolded = VietnameseText.Fold(Input.Name);
        o.Kind = Input.Kind;
        o.CellKind = Input.CellKind;
        o.ParentId = Input.ParentId;
        o.HamletId = Input.HamletId;
        o.SecretaryMemberId = Input.SecretaryMemberId;
        o.Address = Input.Address;
        o.EstablishedOn = Input.EstablishedOn;
        o.IsActive = Input.IsActive;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            await LoadListsAsync();
            if (current is null)
            {
                ModelState.AddModelError("", "Tổ chức này vừa bị người khác xóa; không có gì được lưu.");
                return Page();
            }
            if (current.Name != Input.Name) Conflicts.Add(new("Tên", Input.Name, current.Name));
            if (current.ParentId != Input.ParentId) Conflicts.Add(new("Trực thuộc", Input.ParentId?.ToString(), current.ParentId?.ToString()));
            if (current.HamletId != Input.HamletId) Conflicts.Add(new("Ấp", Input.HamletId?.ToString(), current.HamletId?.ToString()));
            if (current.SecretaryMemberId != Input.SecretaryMemberId) Conflicts.Add(new("Bí thư", Input.SecretaryMemberId?.ToString(), current.SecretaryMemberId?.ToString()));
            if (current.Address != Input.Address) Conflicts.Add(new("Địa chỉ", Input.Address, current.Address));
            if (current.IsActive != Input.IsActive) Conflicts.Add(new("Đang hoạt động", Input.IsActive.ToString(), current.IsActive.ToString()));
            if (Conflicts.Count == 0) Conflicts.Add(new("(các trường khác)", "", ""));
            ModelState.Remove(nameof(Version));
            Version = current.Version;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Success"] = id is null ? $"Đã thêm {o.Name}." : $"Đã lưu {o.Name}.";
        return Redirect("/Organisations");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        var o = await db.Organisations.FirstOrDefaultAsync(x => x.Id == id);
        if (o is null) return NotFound();
        if (o.Kind == OrganisationKind.CommuneCommittee || await db.Members.IgnoreQueryFilters().AnyAsync(m => m.CellId == id)
            || await db.Candidates.IgnoreQueryFilters().AnyAsync(c => c.CellId == id) || await db.Organisations.IgnoreQueryFilters().AnyAsync(x => x.ParentId == id)
            || await db.CellResponsibilities.IgnoreQueryFilters().AnyAsync(r => r.CellId == id) || await db.CellTargets.IgnoreQueryFilters().AnyAsync(t => t.CellId == id)
            || await db.Users.AnyAsync(u => u.OrganisationId == id))
        {
            TempData["Success"] = null;
            Id = id;
            ModelState.AddModelError("", "Không xóa được: tổ chức còn đảng viên, quần chúng, tổ chức trực thuộc, chỉ tiêu, phân công phụ trách hoặc tài khoản gắn với nó. Hãy chuyển đi, hoặc đánh dấu “ngừng hoạt động”.");
            await OnGetAsync(id);
            return Page();
        }
        db.Organisations.Remove(o);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Something was attached to it meanwhile: nothing is deleted.
            db.ChangeTracker.Clear();
            TempData["Error"] = "Không xóa được: tổ chức vừa có dữ liệu gắn với nó. Hãy đánh dấu “ngừng hoạt động”.";
            return Redirect("/Organisations");
        }
        TempData["Success"] = $"Đã xóa {o.Name}.";
        return Redirect("/Organisations");
    }

    private async Task LoadListsAsync()
    {
        var parents = await db.Organisations.Where(x => x.Kind != OrganisationKind.Cell && x.Id != Id).OrderBy(x => x.Kind).ThenBy(x => x.Name)
            .Select(x => new { x.Id, x.Name }).ToListAsync();
        Parents = parents.Select(x => new SelectListItem(x.Name, x.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Hamlets = await Lookups.HamletsAsync(db);
        if (Id is { } id)
        {
            var members = await db.Members.Where(m => m.CellId == id && m.Status == MemberStatus.Official).OrderBy(m => m.Person.NameSortKey)
                .Select(m => new { m.Id, m.Person.FullName }).ToListAsync();
            Secretaries = members.Select(m => new SelectListItem(m.FullName, m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        }
    }
}
