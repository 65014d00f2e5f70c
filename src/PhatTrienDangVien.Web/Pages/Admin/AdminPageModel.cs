using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace PhatTrienDangVien.Web.Pages.Admin;

/// <summary>Base of the administration pages (the audit trail is attributed by ScopeMiddleware for every request).</summary>
public abstract class AdminPageModel : PageModel
{
    public string? CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier);
}
