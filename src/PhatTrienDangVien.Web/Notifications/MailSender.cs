using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using PhatTrienDangVien.Core.Notifications;

namespace PhatTrienDangVien.Web.Notifications;

/// <summary>Where and how to send: a commune's settings with the password decrypted, held only for one sending.</summary>
public sealed record SmtpConfig(string Host, int Port, SmtpSecurity Security, string? UserName, string? Password, string SenderAddress, string? SenderName)
{
    public override string ToString() => $"{Host}:{Port} ({Security})"; // never the password
}

/// <summary>Sends messages through one SMTP connection with MailKit.</summary>
public sealed class MailSender
{
    /// <summary>Connect, send and read timeouts: an unreachable server must fail, not hang the daily run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public async Task SendAsync(SmtpConfig config, IReadOnlyList<MimeMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout * (1 + messages.Count));
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(config.Host, config.Port,
            config.Security == SmtpSecurity.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, timeout.Token);
        if (!string.IsNullOrEmpty(config.UserName))
            await client.AuthenticateAsync(config.UserName, config.Password ?? "", timeout.Token);
        foreach (var message in messages)
        {
            message.From.Clear();
            message.From.Add(new MailboxAddress(config.SenderName ?? "", config.SenderAddress));
            await client.SendAsync(message, timeout.Token);
        }
        await client.DisconnectAsync(true, timeout.Token);
    }
}
