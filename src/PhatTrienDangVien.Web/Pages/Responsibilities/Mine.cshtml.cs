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
        // A committee member in charge has a page of their own; everyone else who reads the plan gets the whole map.
        var scope = access.Scope;
        return scope.OwnMemberId is { } id && !scope.WholeCommune && !scope.Unrestricted
            ? Redirect($"/Responsibilities/Member/{id}")
            : Redirect("/Responsibilities");
    }
}
