using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Data.Configurations;

namespace PhatTrienDangVien.Web.Import;

/// <summary>What a spreadsheet holds: the member register or the candidate pool.</summary>
public enum ImportKind
{
    Members = 0,
    Candidates = 1,
}

/// <summary>
/// One import that came in: the file it came from (name and SHA-256), who brought it in and when, what it created,
/// and whether it was undone. The created records carry its id (<see cref="Person.ImportBatchId"/>), so it can be
/// undone as a whole and the audit trail of each record names the file.
/// </summary>
public class ImportBatch : CommuneEntity
{
    public ImportKind Kind { get; set; }
    public required string FileName { get; set; }
    /// <summary>SHA-256 of the file's bytes, lower-case hex.</summary>
    public required string FileSha256 { get; set; }
    public string? UserId { get; set; }
    public string ImportedBy { get; set; } = "";
    public DateTime ImportedAtUtc { get; set; }
    /// <summary>Data rows read from the file.</summary>
    public int RowCount { get; set; }
    public int CreatedCount { get; set; }
    /// <summary>Rows already in the register (same citizen ID, or same name and date of birth): reported, not created.</summary>
    public int DuplicateCount { get; set; }
    /// <summary>Ids of the cells the import created at the user's request (comma-separated); undone with it while empty.</summary>
    public string CreatedCellIds { get; set; } = "";
    /// <summary>The report's lines beyond the counts: the rows found already in the register and the warnings, one a line.</summary>
    public string Report { get; set; } = "";
    public DateTime? UndoneAtUtc { get; set; }
    public string? UndoneBy { get; set; }
}

/// <summary>
/// An uploaded file between the upload and the commit: kept in the database under a random token (never in the
/// page), so that the preview, the mapping and the commit all read the same bytes, and another server of the
/// installation can answer the next request. Removed at the commit; older ones are removed at the next upload.
/// </summary>
public class ImportUpload : CommuneEntity
{
    public required string Token { get; set; }
    public ImportKind Kind { get; set; }
    public required string FileName { get; set; }
    public required string FileSha256 { get; set; }
    public byte[] Content { get; set; } = [];
    public string? UserId { get; set; }
    public DateTime UploadedAtUtc { get; set; }
    /// <summary>The column mapping chosen on the preview (JSON: column letter → field), when changed from the guess.</summary>
    public string? Mapping { get; set; }
}

/// <summary>The mapping of the last import of this kind, by folded header text: the next file with the same headers maps alike.</summary>
public class ImportMapping : CommuneEntity
{
    public ImportKind Kind { get; set; }
    /// <summary>JSON object: folded header → field name.</summary>
    public string Columns { get; set; } = "{}";
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.FileName).HasMaxLength(260);
        b.Property(e => e.FileSha256).HasMaxLength(64);
        b.Property(e => e.UserId).HasMaxLength(450);
        b.Property(e => e.ImportedBy).HasMaxLength(256);
        b.Property(e => e.UndoneBy).HasMaxLength(256);
        b.Property(e => e.CreatedCellIds).HasMaxLength(2000);
        b.HasIndex(e => new { e.CommuneId, e.FileSha256 });
        // The created rows point at their batch; removing a batch is never done (undo keeps it, marked undone).
        b.HasMany<Person>().WithOne().HasForeignKey(p => p.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<Member>().WithOne().HasForeignKey(p => p.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany<Candidate>().WithOne().HasForeignKey(p => p.ImportBatchId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ImportUploadConfiguration : IEntityTypeConfiguration<ImportUpload>
{
    public void Configure(EntityTypeBuilder<ImportUpload> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Token).HasMaxLength(64);
        b.HasIndex(e => e.Token).IsUnique();
        b.Property(e => e.FileName).HasMaxLength(260);
        b.Property(e => e.FileSha256).HasMaxLength(64);
        b.Property(e => e.UserId).HasMaxLength(450);
    }
}

internal sealed class ImportMappingConfiguration : IEntityTypeConfiguration<ImportMapping>
{
    public void Configure(EntityTypeBuilder<ImportMapping> b)
    {
        b.ConfigureCommuneEntity();
        b.HasIndex(e => new { e.CommuneId, e.Kind }).IsUnique();
    }
}
