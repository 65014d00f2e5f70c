using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Admin.Users;

/// <summary>What an admin sets on an account: who it is, its role and what the role is tied to.</summary>
public class UserInput
{
    [Display(Name = "Họ và tên"), Required(ErrorMessage = "Hãy nhập họ và tên."), StringLength(100, ErrorMessage = "Họ và tên dài tối đa 100 ký tự.")]
    public string FullName { get; set; } = "";

    [Display(Name = "Vai trò"), Required(ErrorMessage = "Hãy chọn vai trò.")]
    public string Role { get; set; } = "";

    [Display(Name = "Chi bộ (với Bí thư chi bộ)")]
    public int? CellId { get; set; }

    [Display(Name = "Hồ sơ đảng viên của người dùng")]
    public int? MemberId { get; set; }

    [Display(Name = "Thư điện tử (nhận bản tin cảnh báo)"), EmailAddress(ErrorMessage = "Địa chỉ thư điện tử không hợp lệ."), StringLength(256)]
    public string? Email { get; set; }
}

public sealed class NewUserInput : UserInput
{
    [Display(Name = "Tên đăng nhập"), Required(ErrorMessage = "Hãy nhập tên đăng nhập."),
     RegularExpression(@"^[A-Za-z0-9._@-]{3,50}$", ErrorMessage = "Tên đăng nhập dài 3–50 ký tự, chỉ gồm chữ không dấu, chữ số và các ký tự . _ - @.")]
    public string UserName { get; set; } = "";
}

/// <summary>Select lists and checks shared by the create and edit pages.</summary>
public static class UserForms
{
    public static IEnumerable<SelectListItem> RoleItems() =>
        Roles.All.Select(r => new SelectListItem(Roles.DisplayName(r), r));

    /// <summary>Members of the commune who may hold an account, grouped by cell and in Vietnamese name order.</summary>
    public static async Task<List<SelectListItem>> MemberItemsAsync(AppDbContext db)
    {
        var members = await db.Members.AsNoTracking()
            .Where(m => m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary)
            .OrderBy(m => m.Cell.NameFolded).ThenBy(m => m.Person.NameSortKey)
            .Select(m => new { m.Id, m.Person.FullName, m.Person.DateOfBirth, Cell = m.Cell.Name }).ToListAsync();
        var groups = new Dictionary<string, SelectListGroup>();
        return members.Select(m => new SelectListItem($"{m.FullName} ({m.DateOfBirth.Year})", m.Id.ToString(CultureInfo.InvariantCulture))
        {
            Group = groups.TryGetValue(m.Cell, out var g) ? g : groups[m.Cell] = new SelectListGroup { Name = m.Cell },
        }).ToList();
    }

    /// <summary>
    /// Keeps only the links the role uses and checks they are records of this commune (the query filters scope
    /// organisations and members to the admin's commune). The role's own requirements are checked by
    /// <see cref="Setup.Accounts"/> on creation and here on edit.
    /// </summary>
    public static async Task NormaliseAndCheckAsync(AppDbContext db, UserInput input, ModelStateDictionary state, string prefix, bool requireLinks)
    {
        input.FullName = Core.Text.VietnameseText.Normalize(input.FullName) ?? "";
        input.Email = Core.Text.VietnameseText.Normalize(input.Email);
        if (input.Role.Length > 0 && !Roles.All.Contains(input.Role))
            state.AddModelError(prefix + nameof(UserInput.Role), "Vai trò không hợp lệ.");
        if (input.Role != Roles.CellSecretary) input.CellId = null;
        if (input.CellId is { } cell && !await db.Organisations.AnyAsync(o => o.Id == cell && o.Kind == OrganisationKind.Cell))
            state.AddModelError(prefix + nameof(UserInput.CellId), "Chi bộ không thuộc Đảng bộ xã này.");
        if (input.MemberId is { } member && !await db.Members.AnyAsync(m => m.Id == member
                && (m.Status == MemberStatus.Official || m.Status == MemberStatus.Probationary)))
            state.AddModelError(prefix + nameof(UserInput.MemberId), "Đảng viên không thuộc Đảng bộ xã này hoặc không còn sinh hoạt.");
        if (!requireLinks) return;
        if (input.Role == Roles.CellSecretary && input.CellId is null)
            state.AddModelError(prefix + nameof(UserInput.CellId), "Bí thư chi bộ phải gắn với một chi bộ.");
        if (input.Role is Roles.Mentor or Roles.CommitteeMember && input.MemberId is null)
            state.AddModelError(prefix + nameof(UserInput.MemberId), "Tài khoản này phải gắn với hồ sơ đảng viên của người dùng.");
    }

    public static async Task<string?> CellNameAsync(AppDbContext db, int? id) =>
        id is null ? null : await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync();

    public static async Task<string?> MemberNameAsync(AppDbContext db, int? id) =>
        id is null ? null : await db.Members.Where(m => m.Id == id).Select(m => m.Person.FullName).FirstOrDefaultAsync();
}

/// <summary>A page that shows the account fields (<c>_UserFields</c>).</summary>
public interface IUserForm
{
    UserInput Fields { get; }
    List<SelectListItem> Cells { get; }
    List<SelectListItem> Members { get; }
}
