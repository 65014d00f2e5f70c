using System.ComponentModel.DataAnnotations;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Accounts;

/// <summary>What an admin sets on an account: who it is, its role and what the role is tied to.</summary>
public class UserInput
{
    [Display(Name = "Họ và tên"), Required(ErrorMessage = "Hãy nhập họ và tên."), StringLength(100, ErrorMessage = "Họ và tên dài tối đa 100 ký tự.")]
    public string FullName { get; set; } = "";

    [Display(Name = "Vai trò"), Required(ErrorMessage = "Hãy chọn vai trò.")]
    public string Role { get; set; } = "";

    [Display(Name = "Chi bộ (với Bí thư chi bộ)"), ShowsName(NameOf.Organisation)]
    public int? CellId { get; set; }

    [Display(Name = "Hồ sơ đảng viên của người dùng"), ShowsName(NameOf.Member)]
    public int? MemberId { get; set; }

    [Display(Name = "Thư điện tử (nhận bản tin cảnh báo)"), EmailAddress(ErrorMessage = "Địa chỉ thư điện tử không hợp lệ."), StringLength(256)]
    public string? Email { get; set; }

    public static UserInput From(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new() { FullName = user.FullName, Role = user.Role, CellId = user.OrganisationId, MemberId = user.MemberId, Email = user.Email };
    }

    /// <summary>The same values with the role as its Vietnamese name, for the conflict table.</summary>
    internal UserInput Shown() => new() { FullName = FullName, Role = Roles.DisplayName(Role), CellId = CellId, MemberId = MemberId, Email = Email };
}

public sealed class NewUserInput : UserInput
{
    [Display(Name = "Tên đăng nhập"), Required(ErrorMessage = "Hãy nhập tên đăng nhập."),
     RegularExpression(@"^[A-Za-z0-9._@-]{3,50}$", ErrorMessage = "Tên đăng nhập dài 3–50 ký tự, chỉ gồm chữ không dấu, chữ số và các ký tự . _ - @.")]
    public string UserName { get; set; } = "";
}

/// <summary>An account with the password just set: shown once to whoever hands it over, never stored in clear.</summary>
public sealed record AccountWithPassword(AppUser User, string Password);
