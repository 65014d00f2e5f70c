using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Core.Notifications;

public enum SmtpSecurity
{
    /// <summary>Plain connection upgraded with STARTTLS (port 587); refused if the server does not offer it.</summary>
    StartTls = 0,
    /// <summary>No encryption: only for a relay on the office's own network.</summary>
    None = 1,
}

/// <summary>
/// A commune's alert thresholds and e-mail digest settings, edited by its administrator. One row per commune;
/// a commune without a row runs on the defaults with e-mail off.
/// </summary>
public class NotificationSettings : CommuneEntity
{
    public int DueSoonWorkingDays { get; set; } = AlertThresholds.Default.DueSoonWorkingDays;
    public int NoMentorDays { get; set; } = AlertThresholds.Default.NoMentorDays;
    public int CertificateHorizonDays { get; set; } = AlertThresholds.Default.CertificateHorizonDays;
    public int ProbationHorizonDays { get; set; } = AlertThresholds.Default.ProbationHorizonDays;

    public bool MailEnabled { get; set; }
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public SmtpSecurity SmtpSecurity { get; set; }
    public string? SmtpUserName { get; set; }
    /// <summary>Encrypted with the installation's data-protection keys; written apart from the audited save, never shown.</summary>
    public string? SmtpPasswordProtected { get; set; }
    public string? SenderAddress { get; set; }
    public string? SenderName { get; set; }
    /// <summary>Address users open the software at, for the links in e-mails (e.g. http://192.168.1.10:5080).</summary>
    public string? SiteUrl { get; set; }
    /// <summary>Hour of the day (Vietnam time, 0–23) from which the daily digest goes out.</summary>
    public int SendHour { get; set; } = 7;

    /// <summary>The day (Vietnam time) the digest last went out, so that it goes once a day.</summary>
    public DateOnly? LastDigestDate { get; set; }
    public DateTime? LastSentAtUtc { get; set; }
    public DateTime? LastErrorAtUtc { get; set; }
    public string? LastError { get; set; }

    public AlertThresholds Thresholds => new(DueSoonWorkingDays, NoMentorDays, CertificateHorizonDays, ProbationHorizonDays);
}
