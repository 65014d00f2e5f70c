using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Responsibilities;

/// <summary>A signed-in committee member's own page; the office goes to the whole map.</summary>
[RequirePermission(Permission.ViewPlan)]
public class MineModel : PageModel
{
    public IActionResult OnGet()
    {
        var role = User.FindFirstValue(ClaimTypes.Role);
        if (role == Roles.CommitteeMember && User.FindFirstValue(AppClaims.MemberId) is { Length: > 0 } id)
            return Redirect($"/Responsibilities/Member/{id}");
        if (role is not null && Roles.SeesWholeCommune(role)) return Redirect("/Responsibilities");
        return Forbid();
    }
}
