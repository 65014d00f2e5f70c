using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Setup;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

[RequirePermission(Permission.ManageUsers)]
public class IndexModel(AppDbContext db, UserManager<AppUser> users, Accounts accounts) : AdminPageModel
{
    /// <summary>TempData key of a password just generated: shown once on the next page, then gone.</summary>
    public const string NewPasswordKey = "NewPassword";

    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public ListQuery Query { get; set; } = new();

    public PageResult<Row> Result { get; private set; } = null!;
    public (string UserName, string Password)? NewPassword { get; private set; }

    public sealed record Row(string Id, string UserName, string FullName, string Role, string? Cell, string? Member,
        bool IsActive, bool LockedOut, DateTime CreatedAtUtc)
    {
        public string RoleName => Roles.DisplayName(Role);
    }

    public async Task OnGetAsync()
    {
        if (TempData[NewPasswordKey] is string s && s.Split('\n') is [var name, var password])
            NewPassword = (name, password);
        await LoadAsync();
    }

    public Task<IActionResult> OnPostDeactivateAsync(string id) => ChangeAsync(id, async user =>
    {
        if (user.Id == CurrentUserId) throw new DomainException("Bạn không thể tự vô hiệu hóa tài khoản của chính mình.");
        user.IsActive = false;
        // A new security stamp makes the cookies already issued to this user fail their next validation.
        Check(await users.UpdateSecurityStampAsync(user));
        return $"Đã vô hiệu hóa tài khoản {user.UserName}; người này không đăng nhập được nữa.";
    });

    public Task<IActionResult> OnPostReactivateAsync(string id) => ChangeAsync(id, async user =>
    {
        user.IsActive = true;
        Check(await users.UpdateAsync(user));
        return $"Đã kích hoạt lại tài khoản {user.UserName}.";
    });

    public Task<IActionResult> OnPostUnlockAsync(string id) => ChangeAsync(id, async user =>
    {
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        return $"Đã mở khóa tài khoản {user.UserName}.";
    });

    public Task<IActionResult> OnPostResetPasswordAsync(string id) => ChangeAsync(id, async user =>
    {
        var password = Accounts.GeneratePassword();
        await accounts.ResetPasswordAsync(user, password);
        TempData[NewPasswordKey] = $"{user.UserName}\n{password}";
        return $"Đã đặt lại mật khẩu cho {user.UserName}.";
    });

    private async Task<IActionResult> ChangeAsync(string id, Func<AppUser, Task<string>> change)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == id && u.CommuneId == db.Scope.CommuneId);
        if (user is null) return NotFound();
        try
        {
            TempData["Success"] = await change(user);
        }
        catch (DomainException e)
        {
            TempData.Remove(NewPasswordKey);
            ModelState.AddModelError("", e.Message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        return RedirectToPage("Index", new { Role, Search });
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    private async Task LoadAsync()
    {
        // Accounts have no query filter: the commune is applied here, explicitly.
        var q = users.Users.AsNoTracking().Where(u => u.CommuneId == db.Scope.CommuneId);
        if (!string.IsNullOrEmpty(Role)) q = q.Where(u => u.Role == Role);
        var list = await q.ToListAsync();
        var folded = Core.Text.VietnameseText.Fold(Search);
        if (folded.Length > 0)
            list = list.Where(u => Core.Text.VietnameseText.Fold(u.FullName).Contains(folded, StringComparison.Ordinal)
                || (u.UserName ?? "").Contains(folded, StringComparison.OrdinalIgnoreCase)).ToList();

        var cellIds = list.Where(u => u.OrganisationId != null).Select(u => u.OrganisationId!.Value).Distinct().ToList();
        var memberIds = list.Where(u => u.MemberId != null).Select(u => u.MemberId!.Value).Distinct().ToList();
        var cells = await db.Organisations.Where(o => cellIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var members = await db.Members.Where(m => memberIds.Contains(m.Id)).Select(m => new { m.Id, m.Person.FullName })
            .ToDictionaryAsync(m => m.Id, m => m.FullName);
        // Identity's lockout runs on the system clock, not the injected one: show what Identity enforces.
        var now = DateTimeOffset.UtcNow;
        var rows = list.Select(u => new Row(u.Id, u.UserName ?? "", u.FullName, u.Role,
            u.OrganisationId is { } c ? cells.GetValueOrDefault(c) : null,
            u.MemberId is { } m ? members.GetValueOrDefault(m) : null,
            u.IsActive, u.LockoutEnd > now, u.CreatedAtUtc));

        var vi = StringComparer.Create(new CultureInfo("vi-VN"), true);
        IEnumerable<Row> sorted = Query.Sort?.ToLowerInvariant() switch
        {
            "username" => rows.OrderBy(r => r.UserName, StringComparer.OrdinalIgnoreCase),
            "role" => rows.OrderBy(r => Roles.All.ToList().IndexOf(r.Role)).ThenBy(r => r.UserName, StringComparer.OrdinalIgnoreCase),
            "active" => rows.OrderBy(r => r.IsActive).ThenBy(r => r.UserName, StringComparer.OrdinalIgnoreCase),
            "created" => rows.OrderBy(r => r.CreatedAtUtc),
            _ => rows.OrderBy(r => Core.Text.VietnameseText.NameSortKey(r.FullName), StringComparer.Ordinal).ThenBy(r => r.FullName, vi),
        };
        var all = sorted.ToList();
        if (Query.Desc) all.Reverse();
        Result = new PageResult<Row>(all.Skip(Query.Skip).Take(Query.Size).ToList(), all.Count, Query);
    }
}
