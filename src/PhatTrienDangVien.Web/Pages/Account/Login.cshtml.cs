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
        if (user is { IsActive: false })
        {
            ModelState.AddModelError("", "Tài khoản đã bị vô hiệu hóa. Hãy liên hệ quản trị viên.");
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        ModelState.AddModelError("", result.IsLockedOut
            ? "Tài khoản tạm bị khóa do nhập sai mật khẩu nhiều lần. Hãy thử lại sau 15 phút hoặc liên hệ quản trị viên."
            : "Tên đăng nhập hoặc mật khẩu không đúng.");
        return Page();
    }
}
