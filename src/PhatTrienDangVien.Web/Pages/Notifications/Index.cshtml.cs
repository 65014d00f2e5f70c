using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Accounts;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Notifications;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.Notifications;

/// <summary>
/// The signed-in user's own notifications, newest first. Every query names the user: a notification of anyone else
/// is "not found", whatever its id.
/// </summary>
[RequirePermission(Permission.ReadNotifications)]
public class IndexModel(AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }

    /// <summary>Where the digest goes; changed on the user's own account page (one form, <see cref="SetOwnEmail"/>).</summary>
    public string? Email { get; private set; }

    public IReadOnlyList<Notification> Items { get; private set; } = [];
    public int UnreadCount { get; private set; }
    public int Total { get; private set; }

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private IQueryable<Notification> Mine => db.Notifications.Where(n => n.UserId == Me);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Email = (await users.GetUserAsync(User))?.Email;
        await LoadAsync(ct);
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Total = await Mine.CountAsync(ct);
        // What is done no longer waits for anyone: it leaves the unread count and the "Chưa đọc" tab.
        UnreadCount = await Mine.Unread().CountAsync(ct);
        var query = Unread ? Mine.Unread() : Mine;
        Items = await query.AsNoTracking().OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Take(PageSize).ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostReadAsync(int id, [FromServices] MarkNotificationsRead mark, CancellationToken ct)
    {
        var outcome = await mark.OneAsync(id, ct);
        return this.Show(outcome) ?? RedirectToPage(new { Unread });
    }

    /// <summary>Opening a notification marks it read and goes to its case.</summary>
    public async Task<IActionResult> OnPostOpenAsync(int id, [FromServices] MarkNotificationsRead mark, CancellationToken ct)
    {
        var outcome = await mark.OneAsync(id, ct);
        if (this.Show(outcome) is { } shown) return shown;
        var link = outcome.Value!.Link;
        return Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync([FromServices] MarkNotificationsRead mark, CancellationToken ct)
    {
        var outcome = await mark.AllAsync(ct);
        if (this.Show(outcome) is { } shown) return shown;
        TempData["Success"] = outcome.Value == 0 ? "Không có thông báo chưa đọc." : $"Đã đánh dấu {outcome.Value} thông báo là đã đọc.";
        return RedirectToPage(new { Unread });
    }
}
