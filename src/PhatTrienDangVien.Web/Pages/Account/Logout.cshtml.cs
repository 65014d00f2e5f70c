using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Account;

// Signing out asks for nothing: an anonymous request only clears a cookie it does not have.
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public class LogoutModel(SignInManager<AppUser> signIn, Auditing.AccessTrail trail) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user) await trail.SignedOutAsync(user, ct);
        await Web.Setup.Sessions.SignOutEverywhereAsync(signIn, User);
        // The province board's choice of a commune ends with the session.
        Web.Province.ProvinceView.Leave(Response);
        return Redirect("/Account/Login");
    }
}
