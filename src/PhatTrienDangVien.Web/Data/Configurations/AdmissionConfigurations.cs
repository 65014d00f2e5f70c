using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Admission;
using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal sealed class StepRecordConfiguration : IEntityTypeConfiguration<StepRecord>
{
    public void Configure(EntityTypeBuilder<StepRecord> b)
    {
        b.ToTable("AdmissionSteps");
        b.HasOne<Candidate>().WithMany().HasForeignKey(s => s.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.Property(s => s.DocumentNumber).HasMaxLength(50);
        b.Property(s => s.RecordedBy).HasMaxLength(256);
        b.Property(s => s.Note).HasMaxLength(2000);
        b.HasIndex(s => new { s.CandidateId, s.Date, s.Id });
        b.HasIndex(s => new { s.Kind, s.IsLate });
        // The day's sweep of the register of numbers reads the steps of the last two days (NumberedPaperBackfill):
        // 1.6 s a form on the national set's three million steps without it.
        b.HasIndex(s => s.RecordedAtUtc);
    }
}

internal sealed class RuleParameterConfiguration : IEntityTypeConfiguration<RuleParameter>
{
    public void Configure(EntityTypeBuilder<RuleParameter> b)
    {
        b.ToTable("RuleParameters");
        b.Property(p => p.Key).HasMaxLength(60);
        b.Property(p => p.Unit).HasMaxLength(40);
        b.Property(p => p.Name).HasMaxLength(300);
        b.Property(p => p.Citation).HasMaxLength(500);
        b.Property(p => p.Value).HasPrecision(18, 4);
        b.HasIndex(p => new { p.Key, p.EffectiveFrom }).IsUnique();
    }
}

internal sealed class StepAttachmentConfiguration : IEntityTypeConfiguration<StepAttachment>
{
    public void Configure(EntityTypeBuilder<StepAttachment> b)
    {
        b.ToTable("AdmissionStepAttachments");
        b.HasOne(a => a.Step).WithMany().HasForeignKey(a => a.StepId).OnDelete(DeleteBehavior.Restrict);
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(50);
        b.Property(a => a.UploadedBy).HasMaxLength(256);
        b.HasIndex(a => a.StepId);
    }
}
