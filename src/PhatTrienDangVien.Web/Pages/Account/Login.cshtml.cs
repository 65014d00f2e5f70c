using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, TimeProvider clock, Auditing.AccessTrail trail) : PageModel
{
    [BindProperty, Display(Name = "Tên đăng nhập"), Required(ErrorMessage = "Hãy nhập tên đăng nhập.")]
    public string UserName { get; set; } = "";

    [BindProperty, Display(Name = "Mật khẩu"), Required(ErrorMessage = "Hãy nhập mật khẩu."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    /// <summary>
    /// The one message for a wrong user name, a wrong password and a locked account, so that it tells nobody which
    /// accounts exist or are locked.
    /// </summary>
    public const string Refused = "Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa vì nhập sai nhiều lần (thử lại sau 15 phút).";

    // A hash of a random password: an unknown user name costs the same hashing work as a wrong password.
    private static readonly Lazy<string> s_decoyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var user = await signIn.UserManager.FindByNameAsync(UserName.Trim());
        // The password is checked first, so that the message does not reveal which user names exist or are disabled.
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new AppUser(), s_decoyHash.Value, Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
            // Identity answers a locked account without hashing: hash anyway, so the time tells nothing either.
            if (result.IsLockedOut) signIn.UserManager.PasswordHasher.VerifyHashedPassword(user, s_decoyHash.Value, Password);
        }
        if (!result.Succeeded || user is { IsActive: false })
            await trail.SignInRefusedAsync(user, UserName.Trim(), HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        if (result.Succeeded && user is { IsActive: false })
        {
            ModelState.AddModelError("", "Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.");
            return Page();
        }
        if (result.Succeeded)
        {
            await signIn.SignInAsync(user!, Web.Setup.Sessions.NewProperties(clock.GetUtcNow()));
            await trail.SignedInAsync(user!, ct);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        ModelState.AddModelError("", Refused);
        return Page();
    }
}
