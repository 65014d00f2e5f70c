using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhatTrienDangVien.Web.Auditing;

namespace PhatTrienDangVien.Web.Pages.Admin;

/// <summary>
/// Base of the administration pages. Nothing in the request pipeline fills <see cref="AuditContext"/> yet, so every
/// change would be recorded as made by “hệ thống” at the system time; here the admin's own changes are attributed
/// to them and stamped with the injected clock.
/// </summary>
public abstract class AdminPageModel : PageModel
{
    public string? CurrentUserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var audit = HttpContext.RequestServices.GetRequiredService<AuditContext>();
        audit.UserId = CurrentUserId;
        audit.UserName = User.Identity?.Name ?? audit.UserName;
        audit.Clock = HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        base.OnPageHandlerExecuting(context);
    }
}
