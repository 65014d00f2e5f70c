using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, TimeProvider clock, Auditing.AccessTrail trail, Accounts.SignInThrottle throttle, AppDbContext db) : PageModel
{
    [BindProperty, Display(Name = "Tên đăng nhập"), Required(ErrorMessage = "Hãy nhập tên đăng nhập.")]
    public string UserName { get; set; } = "";

    [BindProperty, Display(Name = "Mật khẩu"), Required(ErrorMessage = "Hãy nhập mật khẩu."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    /// <summary>
    /// The one message for a wrong user name and a wrong password, so that it tells nobody which accounts exist.
    /// There is no lockout to mention: failures only slow the next answers for that name down (decision 0016).
    /// </summary>
    public const string Refused = "Tên đăng nhập hoặc mật khẩu không đúng. Sau nhiều lần nhập sai, mỗi lần thử tiếp theo phải chờ lâu hơn (tối đa 30 giây).";

    // A hash of a random password: an unknown user name costs the same hashing work as a wrong password.
    private static readonly Lazy<string> s_decoyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var typed = UserName.Trim();
        // The delay of this name, known or not, before anything is checked: the same wait and the same answer for all.
        await throttle.WaitAsync(typed, ct);
        var user = await signIn.UserManager.FindByNameAsync(typed);
        // The password is checked first, so that the message does not reveal which user names exist or are disabled.
        // No lockout (lockoutOnFailure: false): a stranger could otherwise lock any account by failing on purpose.
        bool passwordOk;
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), s_decoyHash.Value, Password);
            passwordOk = false;
        }
        else
        {
            passwordOk = (await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: false)).Succeeded;
        }
        if (!passwordOk || user is { IsActive: false })
            await trail.SignInRefusedAsync(user, typed, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (!passwordOk || user is null)
        {
            await throttle.RecordFailureAsync(typed, ct);
            ModelState.AddModelError("", Refused);
            return Page();
        }
        if (await SignInRules.RefusalAsync(db, user, ct) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }
        var returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
        if (user.TwoFactorEnabled)
        {
            // The password is right; the second step knows who from a short-lived cookie of its own (Identity's
            // two-factor scheme, five minutes) and signs in only after the code.
            // The cookie carries the nonce of this password step, spent by the second step (a copy cannot be reused).
            var nonce = await Accounts.TwoFactor.BeginPasswordStepAsync(signIn.UserManager, user);
            await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new System.Security.Claims.ClaimsPrincipal(
                new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Name, user.Id), new(Accounts.TwoFactor.PasswordStepClaim, nonce)], IdentityConstants.TwoFactorUserIdScheme)));
            return RedirectToPage("/Account/LoginTwoFactor", new { ReturnUrl = returnUrl });
        }
        await throttle.ForgetAsync(typed, ct);
        await signIn.SignInAsync(user, Web.Setup.Sessions.NewProperties(clock.GetUtcNow()));
        await trail.SignedInAsync(user, ct);
        // A password an administrator handed over is replaced first (PasswordChangeGate); then a user whose role
        // requires a second factor and who has none is taken to the enrolment (TwoFactorGate).
        return LocalRedirect(user.MustChangePassword ? Accounts.PasswordChangeGate.PasswordPath
            : Accounts.TwoFactor.RequiredFor(user.Role) ? "/Account/TwoFactor" : returnUrl);
    }
}
