using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Account;

/// <summary>
/// The second step of signing in: the 6-digit code of the authenticator app, or one of the recovery codes. Reached
/// only with the short-lived two-factor cookie the password step leaves; slowed down per account like the password
/// step and limited per address by the same rate limiter.
/// </summary>
public class LoginTwoFactorModel(SignInManager<AppUser> signIn, TimeProvider clock, AccessTrail trail, SignInThrottle throttle, AppDbContext db) : PageModel
{
    public const string WrongCode = "Mã xác thực không đúng hoặc đã hết hạn. Hãy nhập mã đang hiện trên ứng dụng xác thực, hoặc một mã khôi phục chưa dùng.";

    [BindProperty, Display(Name = "Mã xác thực (6 chữ số) hoặc mã khôi phục"), Required(ErrorMessage = "Hãy nhập mã xác thực."), StringLength(20, ErrorMessage = "Mã xác thực quá dài.")]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await PendingUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var user = await PendingUserAsync();
        if (user is null) return RedirectToPage("/Account/Login");
        if (!ModelState.IsValid) return Page();
        var name = user.UserName ?? "";
        await throttle.WaitAsync(name, ct);
        var users = signIn.UserManager;
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        // The account may have been disabled, or its commune archived, between the password and the code: refused
        // before the code is checked, so a recovery code typed now is not spent on a sign-in that cannot happen.
        if (await SignInRules.RefusalAsync(db, user, ct) is { } refusal)
        {
            await trail.TwoFactorAsync(user, AccessTrail.TwoFactorRefused, address, ct);
            ModelState.AddModelError("", refusal);
            return Page();
        }
        var (isAuthenticatorCode, code) = TwoFactor.Normalise(Code);
        var recovery = false;
        bool ok;
        if (isAuthenticatorCode)
        {
            ok = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code);
        }
        else
        {
            ok = (await users.RedeemTwoFactorRecoveryCodeAsync(user, code)).Succeeded;
            recovery = ok;
        }
        if (!ok)
        {
            await throttle.RecordFailureAsync(name, ct);
            await trail.TwoFactorAsync(user, AccessTrail.TwoFactorRefused, address, ct);
            ModelState.AddModelError("", WrongCode);
            return Page();
        }
        await TwoFactor.EndPasswordStepAsync(users, user);
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithClaimsAsync(user, Web.Setup.Sessions.NewProperties(clock.GetUtcNow()), [new Claim("amr", "mfa")]);
        await throttle.ForgetAsync(name, ct);
        if (recovery) await trail.TwoFactorAsync(user, AccessTrail.RecoveryCodeUsed, address, ct);
        await trail.SignedInAsync(user, ct);
        if (recovery && await users.CountRecoveryCodesAsync(user) <= 2)
            TempData["Error"] = "Đồng chí sắp hết mã khôi phục. Hãy tắt rồi bật lại xác thực hai bước để nhận mã mới.";
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    // The user of the two-factor cookie, only if the cookie belongs to the latest password step not yet finished: a
    // copy taken before that sign-in completed (or before a newer password step) leads back to the login form.
    private async Task<AppUser?> PendingUserAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return null;
        var cookie = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (await TwoFactor.IsCurrentPasswordStepAsync(signIn.UserManager, user, cookie.Principal?.FindFirstValue(TwoFactor.PasswordStepClaim)))
            return user;
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return null;
    }
}
