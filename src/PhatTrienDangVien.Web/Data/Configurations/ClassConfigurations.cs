using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Classes;
using PhatTrienDangVien.Core.Organisations;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal sealed class PartyClassConfiguration : IEntityTypeConfiguration<PartyClass>
{
    public void Configure(EntityTypeBuilder<PartyClass> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Place).HasMaxLength(300);
        b.Property(e => e.Topics).HasMaxLength(2000);
        b.Property(e => e.Lecturers).HasMaxLength(1000);
        b.Property(e => e.ResultScale).HasMaxLength(200);
        b.Property(e => e.Notes).HasMaxLength(1000);
        b.Ignore(e => e.Days);
        b.HasOne(e => e.Center).WithMany().HasForeignKey(e => e.CenterId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Quotas).WithOne().HasForeignKey(q => q.ClassId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CenterId, e.OpensOn });
    }
}

internal sealed class ClassQuotaConfiguration : IEntityTypeConfiguration<ClassQuota>
{
    public void Configure(EntityTypeBuilder<ClassQuota> b)
    {
        b.ConfigureCommuneEntity();
        b.HasIndex(e => new { e.ClassId, e.CommuneId }).IsUnique();
    }
}

internal sealed class CenterCommuneConfiguration : IEntityTypeConfiguration<CenterCommune>
{
    public void Configure(EntityTypeBuilder<CenterCommune> b)
    {
        b.ConfigureCommuneEntity();
        b.HasOne<PoliticalCenter>().WithMany().HasForeignKey(e => e.CenterId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CenterId, e.CommuneId }).IsUnique();
    }
}

internal sealed class ClassEnrolmentConfiguration : IEntityTypeConfiguration<ClassEnrolment>
{
    public void Configure(EntityTypeBuilder<ClassEnrolment> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.ProposedBy).HasMaxLength(256);
        b.Property(e => e.DecidedBy).HasMaxLength(256);
        b.Property(e => e.StatusReason).HasMaxLength(500);
        b.Property(e => e.Attendance).HasMaxLength(60);
        b.Property(e => e.Score).HasPrecision(4, 2);
        b.Property(e => e.Grade).HasMaxLength(50);
        b.Property(e => e.FailReason).HasMaxLength(500);
        b.Property(e => e.CertificateNumber).HasMaxLength(50);
        b.Ignore(e => e.DaysPresent);
        b.HasOne(e => e.Class).WithMany().HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Candidate).WithMany().HasForeignKey(e => e.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Core.Organisations.Organisation>().WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Core.Admission.StepRecord>().WithMany().HasForeignKey(e => e.StepId).OnDelete(DeleteBehavior.Restrict);
        // One place per person and class: proposing again revives the row, so a class lists each person once.
        b.HasIndex(e => new { e.ClassId, e.CandidateId }).IsUnique();
        b.HasIndex(e => new { e.CandidateId, e.Status });
    }
}

internal sealed class PropagandaSessionConfiguration : IEntityTypeConfiguration<Core.Education.PropagandaSession>
{
    public void Configure(EntityTypeBuilder<Core.Education.PropagandaSession> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.OrganiserName).HasMaxLength(200);
        b.Property(e => e.Topic).HasMaxLength(500);
        b.Property(e => e.Audience).HasMaxLength(200);
        b.Property(e => e.Notes).HasMaxLength(1000);
        b.HasOne<Core.Organisations.Organisation>().WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Core.People.SourceCategory>().WithMany().HasForeignKey(e => e.AudienceCategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Attendees).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CommuneId, e.Date });
    }
}

internal sealed class PropagandaAttendeeConfiguration : IEntityTypeConfiguration<Core.Education.PropagandaAttendee>
{
    public void Configure(EntityTypeBuilder<Core.Education.PropagandaAttendee> b)
    {
        b.ConfigureCommuneEntity();
        b.HasOne<Core.People.Candidate>().WithMany().HasForeignKey(e => e.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.SessionId, e.CandidateId }).IsUnique();
    }
}
