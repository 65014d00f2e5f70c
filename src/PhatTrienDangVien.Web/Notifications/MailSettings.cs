using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.Text;
using PhatTrienDangVien.Web.Application;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Notifications;

/// <summary>The commune's alert thresholds and mail server, as the settings form writes them (the password apart).</summary>
public sealed class MailSettingsInput
{
    [Display(Name = "Báo trước hạn (ngày làm việc)"), Range(1, 60, ErrorMessage = "Từ 1 đến 60 ngày làm việc.")]
    public int DueSoonWorkingDays { get; set; } = AlertThresholds.Default.DueSoonWorkingDays;
    [Display(Name = "Chưa có đảng viên giúp đỡ quá (ngày)"), Range(1, 365, ErrorMessage = "Từ 1 đến 365 ngày.")]
    public int NoMentorDays { get; set; } = AlertThresholds.Default.NoMentorDays;
    [Display(Name = "Báo giấy chứng nhận hết hạn, dự bị chưa học lớp đảng viên mới trước (ngày)"), Range(1, 365, ErrorMessage = "Từ 1 đến 365 ngày.")]
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

    public static MailSettingsInput From(NotificationSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            DueSoonWorkingDays = s.DueSoonWorkingDays, NoMentorDays = s.NoMentorDays, CertificateHorizonDays = s.CertificateHorizonDays,
            ProbationHorizonDays = s.ProbationHorizonDays, MailEnabled = s.MailEnabled, SmtpHost = s.SmtpHost, SmtpPort = s.SmtpPort,
            SmtpSecurity = s.SmtpSecurity, SmtpUserName = s.SmtpUserName, SenderAddress = s.SenderAddress, SenderName = s.SenderName,
            SendHour = s.SendHour, SiteUrl = s.SiteUrl,
        };
    }

    public static string SecurityName(SmtpSecurity s) => s == SmtpSecurity.None ? "Không mã hóa (chỉ trong mạng nội bộ)" : "STARTTLS (khuyến nghị)";
}

/// <summary>
/// The settings as written: the form's fields, the version read, and the password, which is write-only (empty keeps
/// the stored one; stored encrypted, never in the audit trail).
/// </summary>
public sealed record MailSettingsWrite(MailSettingsInput Input, int? Version, string? Password = null, bool ClearPassword = false);

/// <summary>Saves the commune's alert thresholds and mail server.</summary>
public sealed class SaveMailSettings(AppDbContext db, Access access, ConflictDiff diff, DigestService digest)
{
    private const string Prefix = "Input.";

    public async Task<Outcome<NotificationSettings>> HandleAsync(MailSettingsWrite write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (!access.Has(Permission.ManageMail)) return Outcome<NotificationSettings>.Forbidden();
        var input = write.Input;
        var errors = new Errors();
        errors.Annotations(input, Prefix);
        errors.MaxLength(write.Password, 500, "Password", "Mật khẩu SMTP");
        if (input.MailEnabled && string.IsNullOrWhiteSpace(input.SmtpHost))
            errors.Add(Prefix + nameof(input.SmtpHost), "Hãy nhập máy chủ SMTP để bật gửi e-mail.");
        if (input.MailEnabled && string.IsNullOrWhiteSpace(input.SenderAddress))
            errors.Add(Prefix + nameof(input.SenderAddress), "Hãy nhập địa chỉ người gửi để bật gửi e-mail.");
        if (!Enum.IsDefined(input.SmtpSecurity)) errors.Add(Prefix + nameof(input.SmtpSecurity), "Kiểu mã hóa không hợp lệ.");
        if (errors.Any) return Outcome<NotificationSettings>.Invalid(errors.List);

        var communeId = db.Scope.CommuneId;
        var s = await db.NotificationSettings.FirstOrDefaultAsync(x => x.CommuneId == communeId, ct);
        if (s is null)
        {
            s = new NotificationSettings { CommuneId = communeId };
            db.NotificationSettings.Add(s);
        }
        else
        {
            db.ExpectVersion(s, write.Version);
        }
        s.DueSoonWorkingDays = input.DueSoonWorkingDays;
        s.NoMentorDays = input.NoMentorDays;
        s.CertificateHorizonDays = input.CertificateHorizonDays;
        s.ProbationHorizonDays = input.ProbationHorizonDays;
        s.MailEnabled = input.MailEnabled;
        s.SmtpHost = VietnameseText.Normalize(input.SmtpHost);
        s.SmtpPort = input.SmtpPort;
        s.SmtpSecurity = input.SmtpSecurity;
        s.SmtpUserName = VietnameseText.Normalize(input.SmtpUserName);
        s.SenderAddress = VietnameseText.Normalize(input.SenderAddress);
        s.SenderName = VietnameseText.Normalize(input.SenderName);
        s.SendHour = input.SendHour;
        s.SiteUrl = VietnameseText.Normalize(input.SiteUrl);

        // The password is written apart from the audited save: both, or neither.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var saved = await db.SaveAsync(s, async token =>
        {
            var current = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(x => x.CommuneId == communeId, token);
            if (current is null) return (null, []);
            var theirs = MailSettingsInput.From(current);
            var rows = await diff.CompareAsync(input, theirs, token);
            var security = rows.FindIndex(r => r.Field == "Mã hóa");
            if (security >= 0)
                rows[security] = rows[security] with
                {
                    Yours = MailSettingsInput.SecurityName(input.SmtpSecurity), Theirs = MailSettingsInput.SecurityName(theirs.SmtpSecurity),
                };
            return (current, rows);
        }, ct,
        // Two admins saving the commune's first settings at once: the second finds the row taken.
        duplicate: new FieldError("", "Cấu hình vừa được người khác tạo; hãy tải lại trang rồi lưu lại."));
        if (!saved.IsDone) return saved;
        if (write.ClearPassword) await digest.SetPasswordAsync(db, s.Id, null, ct);
        else if (!string.IsNullOrEmpty(write.Password)) await digest.SetPasswordAsync(db, s.Id, write.Password, ct);
        await tx.CommitAsync(ct);
        return saved;
    }
}

/// <summary>The result of a test message: the address, and the server's refusal if any (also kept as the last error).</summary>
public sealed record TestMailResult(string To, string? Error);

/// <summary>Sends a test message through the stored settings, so the administrator sees the server accept one.</summary>
public sealed class SendTestMail(AppDbContext db, Access access, DigestService digest)
{
    /// <summary>The settings page binds the address as <c>TestTo</c>.</summary>
    public const string Field = "TestTo";

    public async Task<Outcome<TestMailResult>> HandleAsync(string? to, CancellationToken ct)
    {
        if (!access.Has(Permission.ManageMail)) return Outcome<TestMailResult>.Forbidden();
        to = to?.Trim();
        if (string.IsNullOrEmpty(to) || !Accounts.AccountRules.IsDeliverableEmail(to))
            return Outcome<TestMailResult>.Invalid(Field, "Hãy nhập một địa chỉ e-mail hợp lệ để gửi thư thử.");
        return Outcome<TestMailResult>.Done(new TestMailResult(to, await digest.SendTestAsync(db.Scope.CommuneId, to, ct)));
    }
}

/// <summary>Sends the commune's digests now instead of at the daily hour.</summary>
public sealed class SendDigestNow(AppDbContext db, Access access, DigestService digest)
{
    public async Task<Outcome<DigestService.Result>> HandleAsync(CancellationToken ct) =>
        access.Has(Permission.ManageMail)
            ? Outcome<DigestService.Result>.Done(await digest.SendDigestsAsync(db.Scope.CommuneId, ct))
            : Outcome<DigestService.Result>.Forbidden();
}
