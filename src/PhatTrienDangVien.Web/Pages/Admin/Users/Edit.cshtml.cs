using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Application;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

[RequirePermission(Permission.ManageUsers)]
public class EditModel(AppDbContext db, UserManager<AppUser> users) : AdminPageModel, IUserForm
{
    [BindProperty] public UserInput Input { get; set; } = new();
    /// <summary>Identity's concurrency token as it was when the form was opened.</summary>
    [BindProperty] public string ConcurrencyStamp { get; set; } = "";

    public UserInput Fields => Input;
    public string Id { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public bool IsActive { get; private set; }
    public List<SelectListItem> Cells { get; private set; } = [];
    public List<SelectListItem> Members { get; private set; } = [];
    public List<FieldConflict> Conflicts { get; } = [];
    public List<AuditEntry> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        Input = new UserInput { FullName = user.FullName, Role = user.Role, CellId = user.OrganisationId, MemberId = user.MemberId, Email = user.Email };
        ConcurrencyStamp = user.ConcurrencyStamp ?? "";
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var user = await FindAsync(id);
        if (user is null) return NotFound();
        await UserForms.NormaliseAndCheckAsync(db, Input, ModelState, "Input.", requireLinks: true);
        if (user.Id == CurrentUserId && Input.Role != Roles.Administrator)
            ModelState.AddModelError("Input.Role", "Bạn không thể tự bỏ quyền quản trị của chính mình; hãy nhờ một quản trị viên khác.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        if (ConcurrencyStamp != user.ConcurrencyStamp) return await ConflictAsync(user);

        var accessChanged = user.Role != Input.Role || user.OrganisationId != Input.CellId || user.MemberId != Input.MemberId;
        user.FullName = Input.FullName;
        user.Role = Input.Role;
        user.OrganisationId = Input.CellId;
        user.MemberId = Input.MemberId;
        user.Email = Input.Email;
        user.NormalizedEmail = Input.Email?.ToUpperInvariant();
        // Someone may save between the check above and this write: the store compares this original value.
        db.Entry(user).Property(u => u.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
        // Role, cell and member record are copied into the sign-in cookie; a new security stamp ends the
        // sessions that carry the old ones, so the user signs in again with the new access.
        var result = accessChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                db.ChangeTracker.Clear();
                var current = await FindAsync(id);
                if (current is null) return NotFound();
                return await ConflictAsync(current);
            }
            foreach (var e in result.Errors) ModelState.AddModelError("", e.Description);
            await LoadAsync(user);
            return Page();
        }
        TempData["Success"] = $"Đã lưu tài khoản {user.UserName}." + (accessChanged ? " Người dùng cần đăng nhập lại để nhận quyền mới." : "");
        return RedirectToPage("Index");
    }

    private async Task<IActionResult> ConflictAsync(AppUser current)
    {
        if (current.FullName != Input.FullName) Conflicts.Add(new("Họ và tên", Input.FullName, current.FullName));
        if (current.Role != Input.Role) Conflicts.Add(new("Vai trò", Roles.DisplayName(Input.Role), Roles.DisplayName(current.Role)));
        if (current.OrganisationId != Input.CellId)
            Conflicts.Add(new("Chi bộ", await UserForms.CellNameAsync(db, Input.CellId), await UserForms.CellNameAsync(db, current.OrganisationId)));
        if (current.MemberId != Input.MemberId)
            Conflicts.Add(new("Hồ sơ đảng viên", await UserForms.MemberNameAsync(db, Input.MemberId), await UserForms.MemberNameAsync(db, current.MemberId)));
        // Even when the visible fields agree (say, the account was deactivated meanwhile) the user must be told.
        if (Conflicts.Count == 0) Conflicts.Add(new("Trạng thái tài khoản", "—", current.IsActive ? "Đang hoạt động" : "Đã vô hiệu hóa"));
        ModelState.Remove(nameof(ConcurrencyStamp));
        ConcurrencyStamp = current.ConcurrencyStamp ?? "";
        Response.StatusCode = StatusCodes.Status409Conflict;
        await LoadAsync(current);
        return Page();
    }

    private Task<AppUser?> FindAsync(string id) =>
        users.Users.FirstOrDefaultAsync(u => u.Id == id && u.CommuneId == db.Scope.CommuneId);

    private async Task LoadAsync(AppUser user)
    {
        Id = user.Id;
        UserName = user.UserName ?? "";
        IsActive = user.IsActive;
        Cells = await Lookups.CellsAsync(db);
        Members = await UserForms.MemberItemsAsync(db);
        History = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(AppUser) && a.EntityId == user.Id)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Take(50).ToListAsync();
    }
}
