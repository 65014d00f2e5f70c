using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Auditing;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Account;

/// <summary>
/// The signed-in user's own second factor: enrol (key, otpauth address, QR code; confirmed by a code), the ten
/// recovery codes shown once, and turning it off with the password. Only one's own account: no permission of the
/// table applies (the route test lists it as such). An administrator or office user without a second factor is
/// kept on this page by TwoFactorGate until enrolled.
/// </summary>
public class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccessTrail trail) : PageModel
{
    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string Key { get; private set; } = "";
    public string GroupedKey => TwoFactor.Grouped(Key);
    public string Uri { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>Shown once, right after enrolment.</summary>
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];

    [BindProperty, Display(Name = "Mã 6 chữ số trên ứng dụng")]
    public string? Code { get; set; }

    [BindProperty, Display(Name = "Mật khẩu hiện tại"), DataType(DataType.Password)]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage();
        var (isCode, code) = TwoFactor.Normalise(Code ?? "");
        if (!isCode || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), "Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trên ứng dụng xác thực (mã đổi sau mỗi 30 giây).");
            await LoadAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactor.RecoveryCodeCount) ?? []];
        // The security stamp changed: the cookie is issued again (same sign-in time), now saying "second factor on".
        await signIn.RefreshSignInAsync(user);
        await trail.TwoFactorAsync(user, AccessTrail.TwoFactorEnabled, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), "Mật khẩu không đúng; xác thực hai bước vẫn bật.");
            await LoadAsync(user);
            return Page();
        }
        await TwoFactor.ResetAsync(users, user);
        await signIn.RefreshSignInAsync(user);
        await trail.TwoFactorAsync(user, AccessTrail.TwoFactorDisabled, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        TempData["Success"] = TwoFactor.RequiredFor(user.Role)
            ? "Đã tắt xác thực hai bước. Vai trò của đồng chí bắt buộc xác thực hai bước: hãy bật lại với khóa mới dưới đây."
            : "Đã tắt xác thực hai bước.";
        return RedirectToPage();
    }

    private async Task LoadAsync(AppUser user)
    {
        Enabled = user.TwoFactorEnabled;
        Required = TwoFactor.RequiredFor(user.Role);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp: the cookie is issued again so this session goes on.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        Key = key!;
        Uri = TwoFactor.AuthenticatorUri(user.UserName ?? "", Key);
        QrCode = TwoFactor.QrDataUri(Uri);
    }
}
