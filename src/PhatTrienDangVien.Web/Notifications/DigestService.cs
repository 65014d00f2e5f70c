using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Web.Authorization;
using PhatTrienDangVien.Web.Data;

namespace PhatTrienDangVien.Web.Notifications;

/// <summary>
/// The daily e-mail digest: each user of a commune with an e-mail address and unread notifications not yet mailed
/// gets one message listing all their unread notifications. Failures never escape: they are recorded on the commune's
/// settings (last error, shown to its administrator) and the next hourly run tries again.
/// </summary>
/// <remarks>Status columns and the password are written with ExecuteUpdate, outside the audited save: the audit
/// trail must never hold the password, and a run every hour is no one's edit.</remarks>
public sealed class DigestService(IServiceScopeFactory scopes, MailSender mail, IDataProtectionProvider protection, TimeProvider clock,
    Data.JobClaims claims, ILogger<DigestService> log)
{
    public const int MaxListed = 100;

    public sealed record Result(int Recipients, int Sent, string? Error);

    private IDataProtector Protector => protection.CreateProtector("PhatTrienDangVien.Notifications.SmtpPassword");

    public static DateOnly VietnamDate(DateTimeOffset now) => Core.Common.VietnamTime.DateOf(now);

    /// <summary>Stores (or, with null, clears) a commune's SMTP password, encrypted.</summary>
    public async Task SetPasswordAsync(AppDbContext db, int settingsId, string? password, CancellationToken ct)
    {
        var value = string.IsNullOrEmpty(password) ? null : Protector.Protect(password);
        await db.NotificationSettings.Where(s => s.Id == settingsId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SmtpPasswordProtected, value), ct);
    }

    /// <summary>Sends the digests of every commune whose send hour has come today and whose digest has not gone yet.</summary>
    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var today = VietnamDate(now);
        var hour = Core.Common.VietnamTime.Local(now.UtcDateTime).Hour;
        List<int> due;
        using (var scope = SystemScope(out var db))
        {
            due = await db.NotificationSettings.Where(s => s.MailEnabled && s.SendHour <= hour && (s.LastDigestDate == null || s.LastDigestDate < today))
                .Select(s => s.CommuneId).ToListAsync(cancellationToken);
        }
        foreach (var commune in due)
        {
            // One server mails a commune's digest of the day; a send cut short is taken over after half an hour (what
            // was mailed is marked, so only the rest goes).
            var key = DigestKey(commune, today);
            if (!await claims.TryClaimAsync(key, TimeSpan.FromMinutes(30), cancellationToken)) continue;
            var result = await SendDigestsAsync(commune, cancellationToken);
            // A failed send (the mail server down) is tried again on the next tick, as before there were claims.
            if (result.Error is null) await claims.FinishAsync(key, cancellationToken);
            else await claims.ReleaseAsync(key, cancellationToken);
            // Counts only: the error text may name an address, and the settings page shows it to the administrator.
            NotificationLog.DigestSent(log, result.Sent, result.Recipients, result.Error is not null);
        }
    }

    public static string DigestKey(int communeId, DateOnly day) =>
        $"digest:{communeId.ToString(System.Globalization.CultureInfo.InvariantCulture)}:{day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Sends one commune's digests now (the daily run, or the administrator's button).</summary>
    public async Task<Result> SendDigestsAsync(int communeId, CancellationToken cancellationToken = default)
    {
        using var scope = SystemScope(out var db);
        var settings = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.CommuneId == communeId, cancellationToken);
        if (settings is null) return new Result(0, 0, "Chưa cấu hình máy chủ thư.");
        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamDate(clock.GetUtcNow());

        var pending = await db.Notifications.Unread().Where(n => n.CommuneId == communeId && n.EmailedAtUtc == null)
            .Select(n => n.UserId).Distinct().ToListAsync(cancellationToken);
        var users = await db.Users.Where(u => u.CommuneId == communeId && u.IsActive && u.Email != null && u.Email != "" && pending.Contains(u.Id))
            .Select(u => new { u.Id, u.FullName, Email = u.Email! }).ToListAsync(cancellationToken);
        if (users.Count == 0)
        {
            await MarkDayAsync(db, settings.Id, today, null, cancellationToken);
            return new Result(0, 0, null);
        }
        if (ConfigOf(settings, out var configError) is not { } config)
        {
            await RecordErrorAsync(db, settings.Id, configError!, cancellationToken);
            return new Result(users.Count, 0, configError);
        }

        var ids = users.Select(u => u.Id).ToList();
        var unread = (await db.Notifications.AsNoTracking().Unread().Where(n => n.CommuneId == communeId && ids.Contains(n.UserId))
            .OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id).ToListAsync(cancellationToken)).ToLookup(n => n.UserId);
        int sent = 0;
        string? error = null;
        foreach (var u in users)
        {
            var list = unread[u.Id].ToList();
            try
            {
                var message = Compose(u.FullName, u.Email, list, settings.SiteUrl);
                await mail.SendAsync(config, [message], cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = Describe(e);
                // One connection per user: a refused address must not stop the others, an unreachable server stops all.
                if (e is System.Net.Sockets.SocketException or MailKit.Security.AuthenticationException or MailKit.Net.Smtp.SmtpProtocolException
                    or MailKit.Security.SslHandshakeException or OperationCanceledException or TimeoutException) break;
                continue;
            }
            sent++;
            var listed = list.Select(n => n.Id).ToList();
            await db.Notifications.Where(n => listed.Contains(n.Id) && n.EmailedAtUtc == null)
                .ExecuteUpdateAsync(x => x.SetProperty(n => n.EmailedAtUtc, now), cancellationToken);
        }
        if (error is null)
            await MarkDayAsync(db, settings.Id, today, now, cancellationToken);
        else
        {
            await RecordErrorAsync(db, settings.Id, error, cancellationToken);
            if (sent > 0)
                await db.NotificationSettings.Where(s => s.Id == settings.Id)
                    .ExecuteUpdateAsync(x => x.SetProperty(s => s.LastSentAtUtc, now), cancellationToken);
        }
        return new Result(users.Count, sent, error);
    }

    /// <summary>The administrator's test message; returns the error, or null when the server accepted it.</summary>
    public async Task<string?> SendTestAsync(int communeId, string to, CancellationToken cancellationToken = default)
    {
        using var scope = SystemScope(out var db);
        var settings = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.CommuneId == communeId, cancellationToken);
        if (settings is null) return "Chưa cấu hình máy chủ thư.";
        string? error;
        if (ConfigOf(settings, out error) is { } config)
        {
            try
            {
                var message = new MimeMessage { Subject = "Thư thử nghiệm — Phần mềm Phát triển Đảng viên" };
                message.To.Add(MailboxAddress.Parse(to));
                message.Body = new BodyBuilder
                {
                    TextBody = "Máy chủ thư đã được cấu hình đúng: phần mềm Phát triển Đảng viên gửi được thư nhắc việc.\n",
                    HtmlBody = "<p>Máy chủ thư đã được cấu hình đúng: phần mềm <b>Phát triển Đảng viên</b> gửi được thư nhắc việc.</p>",
                }.ToMessageBody();
                await mail.SendAsync(config, [message], cancellationToken);
                var now = clock.GetUtcNow().UtcDateTime;
                await db.NotificationSettings.Where(s => s.Id == settings.Id)
                    .ExecuteUpdateAsync(x => x.SetProperty(s => s.LastSentAtUtc, now).SetProperty(s => s.LastError, (string?)null), cancellationToken);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = e is ParseException ? $"Địa chỉ nhận “{to}” không hợp lệ." : Describe(e);
            }
        }
        await RecordErrorAsync(db, settings.Id, error!, cancellationToken);
        return error;
    }

    public static MimeMessage Compose(string fullName, string email, IReadOnlyList<Notification> unread, string? siteUrl)
    {
        string Url(string path) => string.IsNullOrWhiteSpace(siteUrl) ? path : siteUrl.TrimEnd('/') + path;
        static string D(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var listed = unread.Take(MaxListed).ToList();
        var message = new MimeMessage { Subject = $"Nhắc việc phát triển đảng viên: {unread.Count} thông báo chưa đọc" };
        message.To.Add(new MailboxAddress(fullName, email));

        var text = new StringBuilder();
        text.Append("Kính gửi đồng chí ").Append(fullName).Append(",\n\n")
            .Append("Phần mềm Phát triển Đảng viên có ").Append(unread.Count).Append(" thông báo chưa đọc của đồng chí:\n\n");
        var html = new StringBuilder();
        var enc = HtmlEncoder.Create(UnicodeRanges.All);
        html.Append("<p>Kính gửi đồng chí ").Append(enc.Encode(fullName)).Append(",</p><p>Phần mềm Phát triển Đảng viên có ")
            .Append(unread.Count).Append(" thông báo chưa đọc của đồng chí:</p><ol>");
        int i = 0;
        foreach (var n in listed)
        {
            var kind = Notification.KindName(n.Kind);
            text.Append(++i).Append(". [").Append(kind).Append("] ").Append(n.Text).Append('\n')
                .Append("   Ngày: ").Append(D(n.DueDate)).Append(" — ").Append(Url(n.Link)).Append("\n\n");
            html.Append("<li><b>").Append(enc.Encode(kind)).Append("</b>: ").Append(enc.Encode(n.Text))
                .Append(" <a href=\"").Append(enc.Encode(Url(n.Link))).Append(n.Kind == NotificationKind.CorrectiveActionOverdue ? "\">Xem buổi kiểm tra</a></li>" : "\">Xem hồ sơ</a></li>");
        }
        html.Append("</ol>");
        if (unread.Count > listed.Count)
        {
            text.Append("… và ").Append(unread.Count - listed.Count).Append(" thông báo khác.\n\n");
            html.Append("<p>… và ").Append(unread.Count - listed.Count).Append(" thông báo khác.</p>");
        }
        text.Append("Xem và đánh dấu đã đọc: ").Append(Url("/Notifications")).Append("\n\n")
            .Append("Thư gửi tự động mỗi ngày từ phần mềm Phát triển Đảng viên; xin đừng trả lời thư này.\n");
        html.Append("<p>Xem và đánh dấu đã đọc: <a href=\"").Append(enc.Encode(Url("/Notifications"))).Append("\">Trung tâm thông báo</a></p>")
            .Append("<p><small>Thư gửi tự động mỗi ngày từ phần mềm Phát triển Đảng viên; xin đừng trả lời thư này.</small></p>");
        message.Body = new BodyBuilder { TextBody = text.ToString(), HtmlBody = html.ToString() }.ToMessageBody();
        return message;
    }

    private SmtpConfig? ConfigOf(NotificationSettings s, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(s.SmtpHost) || s.SmtpPort is < 1 or > 65535 || string.IsNullOrWhiteSpace(s.SenderAddress))
        {
            error = "Chưa khai báo đủ máy chủ SMTP, cổng và địa chỉ người gửi.";
            return null;
        }
        string? password = null;
        if (s.SmtpPasswordProtected is { } stored)
        {
            try
            {
                password = Protector.Unprotect(stored);
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                error = "Không giải mã được mật khẩu SMTP đã lưu (khóa bảo vệ dữ liệu đã thay đổi): hãy nhập lại mật khẩu.";
                return null;
            }
        }
        return new SmtpConfig(s.SmtpHost.Trim(), s.SmtpPort, s.SmtpSecurity, s.SmtpUserName, password, s.SenderAddress.Trim(), s.SenderName);
    }

    private static string Describe(Exception e)
    {
        var reason = e switch
        {
            System.Net.Sockets.SocketException => "không kết nối được tới máy chủ",
            MailKit.Security.AuthenticationException => "máy chủ từ chối tên đăng nhập hoặc mật khẩu",
            MailKit.Security.SslHandshakeException => "không thiết lập được kết nối mã hóa (TLS)",
            OperationCanceledException or TimeoutException => "máy chủ không trả lời kịp",
            MailKit.Net.Smtp.SmtpCommandException => "máy chủ từ chối thư",
            _ => "lỗi khi gửi",
        };
        var detail = e.Message.Length > 300 ? e.Message[..300] : e.Message;
        return $"Không gửi được thư: {reason} ({e.GetType().Name}: {detail})";
    }

    private static Task<int> MarkDayAsync(AppDbContext db, int settingsId, DateOnly today, DateTime? sentAt, CancellationToken ct) => sentAt is { } at
        ? db.NotificationSettings.Where(s => s.Id == settingsId).ExecuteUpdateAsync(x => x
            .SetProperty(s => s.LastDigestDate, today).SetProperty(s => s.LastSentAtUtc, at).SetProperty(s => s.LastError, (string?)null), ct)
        : db.NotificationSettings.Where(s => s.Id == settingsId).ExecuteUpdateAsync(x => x.SetProperty(s => s.LastDigestDate, today), ct);

    private Task<int> RecordErrorAsync(AppDbContext db, int settingsId, string error, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.NotificationSettings.Where(s => s.Id == settingsId)
            .ExecuteUpdateAsync(x => x.SetProperty(s => s.LastError, error).SetProperty(s => s.LastErrorAtUtc, now), ct);
    }

    private IServiceScope SystemScope(out AppDbContext db)
    {
        var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().Set(DataScope.System);
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }
}
