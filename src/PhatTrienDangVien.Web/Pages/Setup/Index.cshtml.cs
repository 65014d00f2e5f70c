using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Pages.Shared;
using PhatTrienDangVien.Web.Setup;

namespace PhatTrienDangVien.Web.Pages.Setup;

public class IndexModel(AppDbContext db, SetupToken setupToken, CreateAccount create, CurrentScope scope, SignInManager<AppUser> signIn, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await CheckAsync(ct);
        if (Refused is not null) Response.StatusCode = 403;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await CheckAsync(ct);
        if (Refused is not null) { Response.StatusCode = 403; return Page(); }
        if (Input.Password != Input.ConfirmPassword)
            ModelState.AddModelError("Input.ConfirmPassword", "Mật khẩu nhập lại không khớp.");
        if (!ModelState.IsValid) return Page();

        scope.Set(DataScope.System);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var commune = await CommuneSetup.CreateAsync(db, Input.CommuneName, Input.TermStart, Input.TermEnd, isDemo: false, ct);
            var created = await create.HandleAsync(new NewUserInput
            {
                UserName = Input.UserName, FullName = Input.FullName, Role = Roles.Administrator,
            }, Input.Password, commune.Id, ct);
            if (!created.IsDone)
            {
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return this.Show(created)!;
            }
            await tx.CommitAsync(ct);
            await signIn.SignInAsync(created.Value!.User, Web.Setup.Sessions.NewProperties(clock.GetUtcNow()));
        }
        catch (DomainException e)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            ModelState.AddModelError("", e.Message);
            return Page();
        }
        TempData["Success"] = "Đã khởi tạo Đảng bộ và tài khoản quản trị. Hãy bắt đầu khai báo các chi bộ.";
        return Redirect("/Organisations");
    }

    private async Task CheckAsync(CancellationToken ct)
    {
        if (await db.Users.AnyAsync(ct))
            Refused = "Hệ thống đã được khởi tạo. Trang khai báo ban đầu không còn dùng được; hãy đăng nhập.";
        else if (!setupToken.Matches(Token))
            Refused = "Liên kết khai báo không đúng. Hãy dùng liên kết in ra khi khởi động ứng dụng.";
    }

    public sealed class SetupInput
    {
        [Display(Name = "Tên Đảng bộ"), Required(ErrorMessage = "Hãy nhập tên Đảng bộ."), StringLength(200, ErrorMessage = "Tên quá dài.")]
        public string CommuneName { get; set; } = "";

        [Display(Name = "Nhiệm kỳ từ năm"), Range(2000, 2100, ErrorMessage = "Năm không hợp lệ.")]
        public int TermStart { get; set; } = 2025;

        [Display(Name = "đến năm"), Range(2000, 2100, ErrorMessage = "Năm không hợp lệ.")]
        public int TermEnd { get; set; } = 2030;

        [Display(Name = "Họ và tên"), Required(ErrorMessage = "Hãy nhập họ và tên."), StringLength(100)]
        public string FullName { get; set; } = "";

        [Display(Name = "Tên đăng nhập"), Required(ErrorMessage = "Hãy nhập tên đăng nhập."), RegularExpression("^[A-Za-z0-9._@-]{3,50}$", ErrorMessage = "Tên đăng nhập gồm 3–50 chữ không dấu, chữ số hoặc . _ - @.")]
        public string UserName { get; set; } = "";

        [Display(Name = "Mật khẩu"), Required(ErrorMessage = "Hãy nhập mật khẩu."), DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Display(Name = "Nhập lại mật khẩu"), Required(ErrorMessage = "Hãy nhập lại mật khẩu."), DataType(DataType.Password)]
        public string ConfirmPassword { get; set; } = "";
    }
}
