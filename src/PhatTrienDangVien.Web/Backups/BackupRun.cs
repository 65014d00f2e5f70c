using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PhatTrienDangVien.Web.Backups;

/// <summary>
/// One backup (or restore) and its outcome, for the administrator's page and the warning. The row lives in the
/// database every server of an installation shares, so its unique <see cref="Key"/> ("scheduled:2026-12-03") lets
/// exactly one server take the night's backup. Written with plain SQL, outside the audited save: it is a log of the
/// installation's own work, not anyone's edit of the records.
/// </summary>
public sealed class BackupRun
{
    public int Id { get; set; }
    /// <summary>"scheduled:yyyy-MM-dd" for the daily backup (one per day), a unique random key otherwise.</summary>
    public string Key { get; set; } = "";
    public BackupKind Kind { get; set; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }
    public bool Succeeded { get; set; }
    /// <summary>The machine that ran it (several servers may share the database).</summary>
    public string Server { get; set; } = "";
    /// <summary>The user name of the administrator who pressed the button, or null for the schedule and the command line.</summary>
    public string? RequestedBy { get; set; }
    public string? FilePath { get; set; }
    public long? SizeBytes { get; set; }
    /// <summary>The failure's message (never a password: pg_dump gets it from the environment).</summary>
    public string? Message { get; set; }
}

public enum BackupKind
{
    Scheduled,
    Manual,
    Command,
    Restore,
}

internal sealed class BackupRunConfiguration : IEntityTypeConfiguration<BackupRun>
{
    public void Configure(EntityTypeBuilder<BackupRun> b)
    {
        b.ToTable("BackupRuns");
        b.Property(r => r.Key).HasMaxLength(80);
        b.HasIndex(r => r.Key).IsUnique();
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.Server).HasMaxLength(100);
        b.Property(r => r.RequestedBy).HasMaxLength(256);
        b.Property(r => r.FilePath).HasMaxLength(1000);
        b.Property(r => r.Message).HasMaxLength(2000);
        b.HasIndex(r => r.StartedAtUtc);
    }
}
