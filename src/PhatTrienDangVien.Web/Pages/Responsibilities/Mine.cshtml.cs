using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Responsibilities;

/// <summary>The signed-in user's own page as a committee member in charge; those who see the whole commune go to the map.</summary>
[RequirePermission(Permission.ViewPlan)]
public class MineModel(Access access) : PageModel
{
    public IActionResult OnGet()
    {
        var scope = access.Scope;
        if (scope.WholeCommune || scope.Unrestricted) return Redirect("/Responsibilities");
        if (scope.OwnMemberId is { } id) return Redirect($"/Responsibilities/Member/{id}");
        return Forbid();
    }
}
