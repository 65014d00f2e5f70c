using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Notifications;
using PhatTrienDangVien.Web.Pages.Shared;

namespace PhatTrienDangVien.Web.Pages.MailSettings;

/// <summary>
/// The commune's alert thresholds and SMTP settings for the daily digest. The password is write-only: stored
/// encrypted, never rendered back, never in the audit trail or the logs.
/// </summary>
[RequirePermission(Permission.ManageMail)]
public class IndexModel(AppDbContext db, UserManager<AppUser> users) : PageModel
{
    [BindProperty] public MailSettingsInput Input { get; set; } = new();
    /// <summary>The settings' version as read; none while the commune has no settings yet.</summary>
    [BindProperty] public int? Version { get; set; }
    /// <summary>Write-only: empty keeps the stored password.</summary>
    [BindProperty, StringLength(500), System.ComponentModel.DataAnnotations.Display(Name = "Mật khẩu SMTP")] public string? Password { get; set; }
    [BindProperty] public bool ClearPassword { get; set; }
    [BindProperty, Display(Name = "Gửi thư thử tới"), EmailAddress(ErrorMessage = "Địa chỉ e-mail không hợp lệ.")] public string? TestTo { get; set; }

    public bool HasPassword { get; private set; }
    public DateTime? LastSentAtUtc { get; private set; }
    public DateTime? LastErrorAtUtc { get; private set; }
    public string? LastError { get; private set; }
    public DateOnly? LastDigestDate { get; private set; }
    public List<FieldConflict> Conflicts { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var s = await StatusAsync(ct);
        if (s is not null)
        {
            Input = MailSettingsInput.From(s);
            Version = s.Version;
        }
        TestTo = (await users.GetUserAsync(User))?.Email;
    }

    public async Task<IActionResult> OnPostAsync([FromServices] SaveMailSettings save, CancellationToken ct)
    {
        ModelState.Remove(nameof(TestTo));
        await StatusAsync(ct);
        if (!ModelState.IsValid) return Page();
        var outcome = await save.HandleAsync(new MailSettingsWrite(Input, Version, Password, ClearPassword), ct);
        if (outcome.Status == OutcomeStatus.Conflict && outcome.Value is { } current)
        {
            // Saving again now means the admin has seen the other version and chooses theirs.
            ModelState.Remove(nameof(Version));
            Version = current.Version;
        }
        if (this.Show(outcome, conflicts: Conflicts) is { } shown) return shown;
        TempData["Success"] = "Đã lưu cấu hình cảnh báo và e-mail.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync([FromServices] SendTestMail send, CancellationToken ct)
    {
        var outcome = await send.HandleAsync(TestTo, ct);
        if (outcome.Status == OutcomeStatus.Invalid)
        {
            TempData["Error"] = outcome.Message;
            return RedirectToPage();
        }
        if (this.Show(outcome) is { } shown) return shown;
        var (to, error) = outcome.Value!;
        if (error is null) TempData["Success"] = $"Đã gửi thư thử tới {to}.";
        else TempData["Error"] = error;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendNowAsync([FromServices] SendDigestNow send, CancellationToken ct)
    {
        var outcome = await send.HandleAsync(ct);
        if (this.Show(outcome) is { } shown) return shown;
        var result = outcome.Value!;
        if (result.Error is not null) TempData["Error"] = result.Error;
        else TempData["Success"] = result.Recipients == 0
            ? "Không có ai cần gửi: không người dùng nào có địa chỉ e-mail và thông báo mới chưa đọc."
            : $"Đã gửi bản tin tới {result.Sent}/{result.Recipients} người dùng.";
        return RedirectToPage();
    }

    private async Task<NotificationSettings?> StatusAsync(CancellationToken ct)
    {
        var s = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(x => x.CommuneId == db.Scope.CommuneId, ct);
        HasPassword = s?.SmtpPasswordProtected is not null;
        LastSentAtUtc = s?.LastSentAtUtc;
        LastErrorAtUtc = s?.LastErrorAtUtc;
        LastError = s?.LastError;
        LastDigestDate = s?.LastDigestDate;
        return s;
    }
}
