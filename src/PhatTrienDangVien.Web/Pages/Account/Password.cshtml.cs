using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Account;

/// <summary>
/// "Đổi mật khẩu": any signed-in user, their own password only (the route test lists it as an own-account page).
/// A user whose password an administrator handed over is kept here by PasswordChangeGate until it is changed.
/// </summary>
public class PasswordModel(ChangeOwnPassword change, SignInManager<AppUser> signIn, IOptions<IdentityOptions> options) : PageModel
{
    public const string Changed = "Đã đổi mật khẩu. Các phiên đăng nhập khác của đồng chí (máy khác, trình duyệt khác) đã kết thúc.";

    [BindProperty] public PasswordChange Input { get; set; } = new();

    public IReadOnlyList<string> Rules => ChangeOwnPassword.Rules(options);

    /// <summary>The password was handed over by an administrator: the page says why it is shown.</summary>
    public bool Forced => User.HasClaim(AppClaims.MustChangePassword, "1");

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var forced = Forced;
        var outcome = await change.HandleAsync(Input, ct);
        if (this.Show(outcome, prefix: "Input.") is { } shown) return shown;
        // The new security stamp ends every other session; this one's cookie is issued again, without the flag.
        await signIn.RefreshSignInAsync(outcome.Value!);
        TempData["Success"] = Changed;
        // After a forced change the user goes on to what they came for (the home page, or the second factor's enrolment).
        return Redirect(forced ? "/" : "/Account");
    }
}
