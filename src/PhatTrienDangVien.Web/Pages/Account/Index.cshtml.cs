using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Account;

/// <summary>
/// "Tài khoản của tôi": who the user is for the application (name, role, what they see), their e-mail for the daily
/// digest, and the ways to their password and second factor. Their own account only (an own-account page in the route
/// test); the e-mail is saved by SetOwnEmail, the same command the notifications page uses.
/// </summary>
public class IndexModel(AppDbContext db, UserManager<AppUser> users, Access access) : PageModel
{
    [BindProperty, EmailAddress(ErrorMessage = "Địa chỉ e-mail không hợp lệ."), StringLength(256), Display(Name = "Thư điện tử nhận bản tin hằng ngày")]
    public string? Email { get; set; }

    public string FullName { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string RoleName { get; private set; } = "";
    public string? CommuneName { get; private set; }
    /// <summary>What the user sees, in words: the whole commune, or the cells by name.</summary>
    public string Scope { get; private set; } = "";
    public string? MemberName { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public bool TwoFactorRequired { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Email = user.Email;
        await LoadAsync(user, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEmailAsync([FromServices] SetOwnEmail set, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user, ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await set.HandleAsync(Email, ct);
        if (this.Show(outcome) is { } shown) return shown;
        var email = outcome.Value!.Email;
        TempData["Success"] = email is null ? "Đã bỏ địa chỉ thư điện tử: đồng chí sẽ không nhận bản tin qua thư." : $"Bản tin hằng ngày sẽ gửi tới {email}.";
        return RedirectToPage();
    }

    private async Task LoadAsync(AppUser user, CancellationToken ct)
    {
        FullName = user.FullName;
        UserName = user.UserName ?? "";
        RoleName = Roles.DisplayName(user.Role);
        TwoFactorEnabled = user.TwoFactorEnabled;
        TwoFactorRequired = TwoFactor.RequiredFor(user.Role);
        // Bypass reviewed: the name of the user's own commune (a cell secretary's scope does not hold the committee).
        CommuneName = await db.Organisations.WholeCommune().Where(o => o.Kind == OrganisationKind.CommuneCommittee)
            .Select(o => o.Name).FirstOrDefaultAsync(ct);
        var scope = access.Scope;
        if (scope.WholeCommune) Scope = "Toàn bộ hồ sơ của " + (CommuneName ?? "Đảng bộ xã");
        else
        {
            var cells = await db.Organisations.Where(o => scope.CellIds.Contains(o.Id)).OrderBy(o => o.Name).Select(o => o.Name).ToListAsync(ct);
            Scope = user.Role == Roles.Mentor ? "Quần chúng được phân công giúp đỡ"
                : cells.Count == 0 ? "Chưa được giao chi bộ nào" : string.Join("; ", cells);
        }
        if (user.MemberId is { } member)
            MemberName = await db.Members.Where(m => m.Id == member).Select(m => m.Person.FullName).FirstOrDefaultAsync(ct);
    }
}
