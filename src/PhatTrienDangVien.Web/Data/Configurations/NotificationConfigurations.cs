using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Notifications;
using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.Ignore(n => n.IsRead);
        b.Ignore(n => n.IsDone);
        b.Property(n => n.UserId).HasMaxLength(450);
        b.Property(n => n.Text).HasMaxLength(1000);
        b.Property(n => n.Link).HasMaxLength(300);
        b.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Candidate>().WithMany().HasForeignKey(n => n.CandidateId).OnDelete(DeleteBehavior.Cascade);
        // The deduplication key: the generator inserts with ON CONFLICT DO NOTHING against this index.
        b.HasIndex(n => new { n.UserId, n.Kind, n.CandidateId, n.DueDate }).IsUnique().HasDatabaseName(NotificationDb.DedupIndex);
        // The same key for an alert about a corrective action (its CandidateId is null, which a unique index never matches).
        b.HasOne<Core.Inspections.CorrectiveAction>().WithMany().HasForeignKey(n => n.ActionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.UserId, n.Kind, n.ActionId, n.DueDate }).IsUnique().HasFilter("\"ActionId\" IS NOT NULL").HasDatabaseName(NotificationDb.ActionDedupIndex);
        b.HasIndex(n => new { n.UserId, n.ReadAtUtc });
        b.HasIndex(n => n.CommuneId);
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> b)
    {
        b.ToTable("NotificationSettings");
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.CommuneId).IsUnique();
        b.Ignore(e => e.Thresholds);
        b.Property(e => e.SmtpHost).HasMaxLength(255);
        b.Property(e => e.SmtpUserName).HasMaxLength(255);
        b.Property(e => e.SmtpPasswordProtected).HasMaxLength(2000);
        b.Property(e => e.SenderAddress).HasMaxLength(255);
        b.Property(e => e.SenderName).HasMaxLength(200);
        b.Property(e => e.SiteUrl).HasMaxLength(300);
        b.Property(e => e.LastError).HasMaxLength(1000);
    }
}

internal static class NotificationDb
{
    public const string DedupIndex = "IX_Notifications_Dedup";
    public const string ActionDedupIndex = "IX_Notifications_ActionDedup";
}
