using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;
using PhatTrienDangVien.Web.Notifications;

namespace PhatTrienDangVien.Web.Pages.MailSettings;

/// <summary>
/// The commune's alert thresholds and SMTP settings for the daily digest. The password is write-only: stored
/// encrypted, never rendered back, never in the audit trail or the logs.
/// </summary>
[RequirePermission(Permission.ManageMail)]
public class IndexModel(AppDbContext db, DigestService digest, UserManager<AppUser> users) : PageModel
{
    public sealed class SettingsInput
    {
        [Display(Name = "Báo trước hạn (ngày làm việc)"), Range(1, 60, ErrorMessage = "Từ 1 đến 60 ngày làm việc.")]
        public int DueSoonWorkingDays { get; set; } = AlertThresholds.Default.DueSoonWorkingDays;
        [Display(Name = "Chưa có đảng viên giúp đỡ quá (ngày)"), Range(1, 365, ErrorMessage = "Từ 1 đến 365 ngày.")]
        public int NoMentorDays { get; set; } = AlertThresholds.Default.NoMentorDays;
        [Display(Name = "Báo giấy chứng nhận hết hạn trước (ngày)"), Range(1, 365, ErrorMessage = "Từ 1 đến 365 ngày.")]
        public int CertificateHorizonDays { get; set; } = AlertThresholds.Default.CertificateHorizonDays;
        [Display(Name = "Báo hết thời gian dự bị trước (ngày)"), Range(1, 120, ErrorMessage = "Từ 1 đến 120 ngày.")]
        public int ProbationHorizonDays { get; set; } = AlertThresholds.Default.ProbationHorizonDays;

        [Display(Name = "Gửi bản tin hằng ngày qua e-mail")]
        public bool MailEnabled { get; set; }
        [Display(Name = "Máy chủ SMTP"), StringLength(255)]
        public string? SmtpHost { get; set; }
        [Display(Name = "Cổng"), Range(1, 65535, ErrorMessage = "Cổng từ 1 đến 65535.")]
        public int SmtpPort { get; set; } = 587;
        [Display(Name = "Mã hóa")]
        public SmtpSecurity SmtpSecurity { get; set; }
        [Display(Name = "Tên đăng nhập SMTP"), StringLength(255)]
        public string? SmtpUserName { get; set; }
        [Display(Name = "Địa chỉ người gửi"), EmailAddress(ErrorMessage = "Địa chỉ e-mail không hợp lệ."), StringLength(255)]
        public string? SenderAddress { get; set; }
        [Display(Name = "Tên người gửi"), StringLength(200)]
        public string? SenderName { get; set; }
        [Display(Name = "Gửi từ (giờ, 0–23)"), Range(0, 23, ErrorMessage = "Giờ từ 0 đến 23.")]
        public int SendHour { get; set; } = 7;
        [Display(Name = "Địa chỉ truy cập phần mềm (cho liên kết trong thư)"), Url(ErrorMessage = "Địa chỉ không hợp lệ (ví dụ http://192.168.1.10:5080)."), StringLength(300)]
        public string? SiteUrl { get; set; }
    }

    [BindProperty] public SettingsInput Input { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    /// <summary>Write-only: empty keeps the stored password.</summary>
    [BindProperty, StringLength(500)] public string? Password { get; set; }
    [BindProperty] public bool ClearPassword { get; set; }
    [BindProperty, Display(Name = "Gửi thư thử tới"), EmailAddress(ErrorMessage = "Địa chỉ e-mail không hợp lệ.")] public string? TestTo { get; set; }

    public bool HasPassword { get; private set; }
    public DateTime? LastSentAtUtc { get; private set; }
    public DateTime? LastErrorAtUtc { get; private set; }
    public string? LastError { get; private set; }
    public DateOnly? LastDigestDate { get; private set; }

    private int CommuneId => db.Scope.CommuneId;

    private Task<NotificationSettings?> FindAsync() => db.NotificationSettings.FirstOrDefaultAsync(s => s.CommuneId == CommuneId);

    public async Task OnGetAsync()
    {
        var s = await FindAsync();
        if (s is not null)
        {
            Input = new SettingsInput
            {
                DueSoonWorkingDays = s.DueSoonWorkingDays, NoMentorDays = s.NoMentorDays, CertificateHorizonDays = s.CertificateHorizonDays,
                ProbationHorizonDays = s.ProbationHorizonDays, MailEnabled = s.MailEnabled, SmtpHost = s.SmtpHost, SmtpPort = s.SmtpPort,
                SmtpSecurity = s.SmtpSecurity, SmtpUserName = s.SmtpUserName, SenderAddress = s.SenderAddress, SenderName = s.SenderName,
                SendHour = s.SendHour, SiteUrl = s.SiteUrl,
            };
            Version = s.Version;
        }
        TestTo = (await users.GetUserAsync(User))?.Email;
        Status(s);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Remove(nameof(TestTo));
        if (Input.MailEnabled && string.IsNullOrWhiteSpace(Input.SmtpHost))
            ModelState.AddModelError("Input.SmtpHost", "Hãy nhập máy chủ SMTP để bật gửi e-mail.");
        if (Input.MailEnabled && string.IsNullOrWhiteSpace(Input.SenderAddress))
            ModelState.AddModelError("Input.SenderAddress", "Hãy nhập địa chỉ người gửi để bật gửi e-mail.");
        var s = await FindAsync();
        if (!ModelState.IsValid)
        {
            Status(s);
            return Page();
        }
        if (s is null)
        {
            s = new NotificationSettings { CommuneId = CommuneId };
            db.NotificationSettings.Add(s);
        }
        else
        {
            db.Entry(s).Property(e => e.Version).OriginalValue = Version;
        }
        s.DueSoonWorkingDays = Input.DueSoonWorkingDays;
        s.NoMentorDays = Input.NoMentorDays;
        s.CertificateHorizonDays = Input.CertificateHorizonDays;
        s.ProbationHorizonDays = Input.ProbationHorizonDays;
        s.MailEnabled = Input.MailEnabled;
        s.SmtpHost = VietnameseText.Normalize(Input.SmtpHost);
        s.SmtpPort = Input.SmtpPort;
        s.SmtpSecurity = Input.SmtpSecurity;
        s.SmtpUserName = VietnameseText.Normalize(Input.SmtpUserName);
        s.SenderAddress = VietnameseText.Normalize(Input.SenderAddress);
        s.SenderName = VietnameseText.Normalize(Input.SenderName);
        s.SendHour = Input.SendHour;
        s.SiteUrl = VietnameseText.Normalize(Input.SiteUrl);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "Cấu hình vừa được người khác sửa; hãy tải lại trang rồi nhập lại.");
            Status(s);
            return Page();
        }
        if (ClearPassword) await digest.SetPasswordAsync(db, s.Id, null);
        else if (!string.IsNullOrEmpty(Password)) await digest.SetPasswordAsync(db, s.Id, Password);
        TempData["Success"] = "Đã lưu cấu hình cảnh báo và e-mail.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        var to = TestTo?.Trim();
        if (string.IsNullOrEmpty(to) || !new EmailAddressAttribute().IsValid(to))
        {
            TempData["Error"] = "Hãy nhập một địa chỉ e-mail hợp lệ để gửi thư thử.";
            return RedirectToPage();
        }
        var error = await digest.SendTestAsync(CommuneId, to, HttpContext.RequestAborted);
        if (error is null) TempData["Success"] = $"Đã gửi thư thử tới {to}.";
        else TempData["Error"] = error;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSendNowAsync()
    {
        var result = await digest.SendDigestsAsync(CommuneId, HttpContext.RequestAborted);
        if (result.Error is not null) TempData["Error"] = result.Error;
        else TempData["Success"] = result.Recipients == 0
            ? "Không có ai cần gửi: không người dùng nào có địa chỉ e-mail và thông báo mới chưa đọc."
            : $"Đã gửi bản tin tới {result.Sent}/{result.Recipients} người dùng.";
        return RedirectToPage();
    }

    private void Status(NotificationSettings? s)
    {
        HasPassword = s?.SmtpPasswordProtected is not null;
        LastSentAtUtc = s?.LastSentAtUtc;
        LastErrorAtUtc = s?.LastErrorAtUtc;
        LastError = s?.LastError;
        LastDigestDate = s?.LastDigestDate;
    }
}
