using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Authorization;

namespace PhatTrienDangVien.Web.Pages.Notifications;

/// <summary>
/// The signed-in user's own notifications, newest first. Every query names the user: a notification of anyone else
/// is "not found", whatever its id.
/// </summary>
[RequirePermission(Permission.ReadNotifications)]
public class IndexModel(AppDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }

    [BindProperty, EmailAddress(ErrorMessage = "Địa chỉ e-mail không hợp lệ."), StringLength(256), Display(Name = "E-mail nhận bản tin hằng ngày")]
    public string? Email { get; set; }

    public IReadOnlyList<Notification> Items { get; private set; } = [];
    public int UnreadCount { get; private set; }
    public int Total { get; private set; }

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private IQueryable<Notification> Mine => db.Notifications.Where(n => n.UserId == Me);

    public async Task OnGetAsync()
    {
        Email = (await users.GetUserAsync(User))?.Email;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Total = await Mine.CountAsync();
        UnreadCount = await Mine.CountAsync(n => n.ReadAtUtc == null);
        var query = Unread ? Mine.Where(n => n.ReadAtUtc == null) : Mine;
        Items = await query.AsNoTracking().OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).Take(PageSize).ToListAsync();
    }

    public async Task<IActionResult> OnPostReadAsync(int id)
    {
        if (!await Mine.AnyAsync(n => n.Id == id)) return NotFound();
        await MarkAsync(Mine.Where(n => n.Id == id));
        return RedirectToPage(new { Unread });
    }

    /// <summary>Opening a notification marks it read and goes to its case.</summary>
    public async Task<IActionResult> OnPostOpenAsync(int id)
    {
        var link = await Mine.Where(n => n.Id == id).Select(n => n.Link).FirstOrDefaultAsync();
        if (link is null) return NotFound();
        await MarkAsync(Mine.Where(n => n.Id == id));
        return Url.IsLocalUrl(link) ? LocalRedirect(link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var count = await MarkAsync(Mine);
        TempData["Success"] = count == 0 ? "Không có thông báo chưa đọc." : $"Đã đánh dấu {count} thông báo là đã đọc.";
        return RedirectToPage(new { Unread });
    }

    public async Task<IActionResult> OnPostEmailAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null) return NotFound();
        var email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim();
        var result = await users.SetEmailAsync(user, email);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(nameof(Email), string.Join(" ", result.Errors.Select(e => e.Description)));
            await LoadAsync();
            return Page();
        }
        TempData["Success"] = email is null ? "Đã bỏ địa chỉ e-mail: đồng chí sẽ không nhận bản tin qua thư." : $"Bản tin hằng ngày sẽ gửi tới {email}.";
        return RedirectToPage(new { Unread });
    }

    // A read mark is the user's own: set directly, not through the audited save.
    private Task<int> MarkAsync(IQueryable<Notification> which)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return which.Where(n => n.ReadAtUtc == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAtUtc, now));
    }
}
