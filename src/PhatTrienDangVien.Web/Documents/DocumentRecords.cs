using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Common;

namespace PhatTrienDangVien.Web.Documents;

/// <summary>A commune's replacement of one form's default template (absent: the built-in default is used).</summary>
public class FormTemplate : CommuneEntity
{
    public required string FormCode { get; set; }
    public required string FileName { get; set; }
    public byte[] Content { get; set; } = [];
    public required string Sha256 { get; set; }
    public string UploadedBy { get; set; } = "";
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>
/// The last number given to one type of document of one issuing body in one term: numbers restart at 1 each term
/// (decision 0021). The version is the concurrency token, so two issues at once cannot take the same number.
/// </summary>
public class DocumentCounter : CommuneEntity
{
    public int TermId { get; set; }
    /// <summary>The issuing body (the cell, or the commune committee).</summary>
    public int OrganisationId { get; set; }
    /// <summary>The number's suffix, e.g. "NQ/CB", "QĐ/ĐU".</summary>
    public required string DocumentType { get; set; }
    public int LastNumber { get; set; }
    /// <summary>
    /// From when the software numbers this series: the day the office set the next number, else the date of the first
    /// paper it numbered. A paper dated earlier was numbered on paper before, so it is not given a number silently.
    /// </summary>
    public DateOnly? StartsOn { get; set; }
    /// <summary>The date of the latest paper numbered in this series: an earlier paper issued now would break date order.</summary>
    public DateOnly? LatestPaperDate { get; set; }
}

/// <summary>
/// One number of a series held by one paper (a step's form and variant): the register that keeps a number from being
/// given twice, whether the software proposed it or the user typed it from the body's own register.
/// </summary>
public class NumberedPaper : CommuneEntity
{
    public int CounterId { get; set; }
    public DocumentCounter? Counter { get; set; }
    /// <summary>The number without its type ("38" of "38-NQ/ĐU").</summary>
    public int Serial { get; set; }
    public int CandidateId { get; set; }
    public int StepId { get; set; }
    /// <summary>Set when a step being recorded reserves its own number (it has no key yet).</summary>
    public Core.Admission.StepRecord? Step { get; set; }
    public required string FormCode { get; set; }
    public int Variant { get; set; }
    /// <summary>The paper's date (the step's), which orders the series.</summary>
    public DateOnly PaperDate { get; set; }
}

/// <summary>A form as it was issued for a step: the exact file, its number and hash; never changed or deleted.</summary>
public class IssuedDocument : CommuneEntity
{
    public int CandidateId { get; set; }
    public int StepId { get; set; }
    public required string FormCode { get; set; }
    /// <summary>Which of several papers of the same form (the introducer of 3-KNĐ); 0 otherwise.</summary>
    public int Variant { get; set; }
    /// <summary>"12-NQ/CB", or null for a paper the party does not number (an application, a self-review).</summary>
    public string? Number { get; set; }
    public required string FileName { get; set; }
    public byte[] Content { get; set; } = [];
    public long Length { get; set; }
    public required string Sha256 { get; set; }
    /// <summary>The template it was filled from: the default's hash or the commune's uploaded file's.</summary>
    public required string TemplateSha256 { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTime IssuedAtUtc { get; set; }
}

internal sealed class FormTemplateConfiguration : IEntityTypeConfiguration<FormTemplate>
{
    public void Configure(EntityTypeBuilder<FormTemplate> b)
    {
        b.ToTable("FormTemplates");
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.FormCode).HasMaxLength(20);
        b.Property(e => e.FileName).HasMaxLength(255);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.UploadedBy).HasMaxLength(256);
        b.HasIndex(e => new { e.CommuneId, e.FormCode }).IsUnique();
    }
}

internal sealed class DocumentCounterConfiguration : IEntityTypeConfiguration<DocumentCounter>
{
    public void Configure(EntityTypeBuilder<DocumentCounter> b)
    {
        b.ToTable("DocumentCounters");
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.DocumentType).HasMaxLength(20);
        b.HasIndex(e => new { e.CommuneId, e.TermId, e.OrganisationId, e.DocumentType }).IsUnique();
        b.HasOne<Core.Organisations.Term>().WithMany().HasForeignKey(e => e.TermId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Core.Organisations.Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NumberedPaperConfiguration : IEntityTypeConfiguration<NumberedPaper>
{
    public void Configure(EntityTypeBuilder<NumberedPaper> b)
    {
        b.ToTable("NumberedPapers");
        b.Property(e => e.FormCode).HasMaxLength(20);
        b.HasOne(e => e.Counter).WithMany().HasForeignKey(e => e.CounterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Core.People.Candidate>().WithMany().HasForeignKey(e => e.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Step).WithMany().HasForeignKey(e => e.StepId).OnDelete(DeleteBehavior.Restrict);
        // A number once per series, and one number per paper.
        b.HasIndex(e => new { e.CounterId, e.Serial }).IsUnique();
        b.HasIndex(e => new { e.StepId, e.FormCode, e.Variant }).IsUnique();
        b.HasIndex(e => e.CandidateId);
        // The commune filter's range is served by it (decision 0039).
        b.HasIndex(e => e.CommuneId);
    }
}

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.ToTable("IssuedDocuments");
        b.Property(e => e.FormCode).HasMaxLength(20);
        b.Property(e => e.Number).HasMaxLength(50);
        b.Property(e => e.FileName).HasMaxLength(255);
        b.Property(e => e.Sha256).HasMaxLength(64);
        b.Property(e => e.TemplateSha256).HasMaxLength(64);
        b.Property(e => e.IssuedBy).HasMaxLength(256);
        b.HasOne<Core.People.Candidate>().WithMany().HasForeignKey(e => e.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Core.Admission.StepRecord>().WithMany().HasForeignKey(e => e.StepId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.StepId);
        b.HasIndex(e => e.CandidateId);
        b.HasIndex(e => e.CommuneId);
        // The day's sweep of the register of numbers reads the papers of the last two days.
        b.HasIndex(e => e.IssuedAtUtc);
    }
}
