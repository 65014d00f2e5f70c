using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty, Display(Name = "Tên đăng nhập"), Required(ErrorMessage = "Hãy nhập tên đăng nhập.")]
    public string UserName { get; set; } = "";

    [BindProperty, Display(Name = "Mật khẩu"), Required(ErrorMessage = "Hãy nhập mật khẩu."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var user = await signIn.UserManager.FindByNameAsync(UserName.Trim());
        // The password is checked first, so that the message does not reveal which user names exist or are disabled.
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (result.Succeeded && user is { IsActive: false })
        {
            ModelState.AddModelError("", "Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.");
            return Page();
        }
        if (result.Succeeded)
        {
            await signIn.SignInAsync(user!, isPersistent: false);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        ModelState.AddModelError("", result.IsLockedOut
            ? "Tài khoản tạm bị khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau 15 phút hoặc liên hệ quản trị viên."
            : "Tên đăng nhập hoặc mật khẩu không đúng.");
        return Page();
    }
}
