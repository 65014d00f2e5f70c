using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Admin.Permissions;

/// <summary>The permission table as the code applies it: which role may do what.</summary>
[RequirePermission(Permission.ManageUsers)]
public class IndexModel : PageModel
{
    public IReadOnlyList<Permission> All { get; } = Enum.GetValues<Permission>();
    public IReadOnlyList<string> RoleList { get; } = Roles.WithProvince;
}
