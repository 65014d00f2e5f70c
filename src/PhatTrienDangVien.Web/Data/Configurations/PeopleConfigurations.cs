using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.People;
using PhatTrienDangVien.Web.Auditing;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.FullName).HasMaxLength(100);
        b.Property(e => e.FullNameFolded).HasMaxLength(100);
        b.Property(e => e.NameSortKey).HasMaxLength(400);
        b.Property(e => e.EthnicityCode).HasMaxLength(4);
        b.Property(e => e.ReligionCode).HasMaxLength(4);
        b.Property(e => e.ProfessionalEducationCode).HasMaxLength(10);
        b.Property(e => e.PoliticalTheoryCode).HasMaxLength(10);
        b.Property(e => e.Occupation).HasMaxLength(200);
        b.Property(e => e.Workplace).HasMaxLength(200);
        b.Property(e => e.Address).HasMaxLength(300);
        b.Property(e => e.CitizenId).HasMaxLength(12);
        b.Property(e => e.Phone).HasMaxLength(10);
        b.HasIndex(e => e.CitizenId).IsUnique();
        b.HasIndex(e => e.FullNameFolded);
        b.HasIndex(e => e.NameSortKey);
        b.HasOne(e => e.Hamlet).WithMany().HasForeignKey(e => e.HamletId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ConfigureCommuneEntity();
        b.Ignore(e => e.MovedOn);
        b.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Cell).WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.PersonId).IsUnique();
        b.HasIndex(e => new { e.CellId, e.Status });
        // The admissions of a period over many communes (the province's and the country's new-members report) read a
        // few percent of the register: by date, not by scanning it (docs/benchmarks.md, 375 → 22 ms over 4.3 million members).
        b.HasIndex(e => e.CeremonyDate);
        b.Property(e => e.AdmissionDecisionNumber).HasMaxLength(50);
        b.Property(e => e.PartyCardNumber).HasMaxLength(20);
        b.Property(e => e.Notes).HasMaxLength(2000);
    }
}

internal sealed class CandidateConfiguration : IEntityTypeConfiguration<Candidate>
{
    public void Configure(EntityTypeBuilder<Candidate> b)
    {
        b.ConfigureCommuneEntity();
        b.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Cell).WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Mentor).WithMany().HasForeignKey(e => e.MentorMemberId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(e => e.Sources).WithOne().HasForeignKey(s => s.CandidateId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CellId, e.Status });
        b.HasIndex(e => e.MentorMemberId);
        b.Property(e => e.Strengths).HasMaxLength(2000);
        b.Property(e => e.Notes).HasMaxLength(2000);
    }
}

internal sealed class SourceCategoryConfiguration : IEntityTypeConfiguration<SourceCategory>
{
    public void Configure(EntityTypeBuilder<SourceCategory> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Code).HasMaxLength(30);
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasIndex(e => new { e.CommuneId, e.Code }).IsUnique();
    }
}

internal sealed class CandidateSourceConfiguration : IEntityTypeConfiguration<CandidateSource>
{
    public void Configure(EntityTypeBuilder<CandidateSource> b)
    {
        b.HasKey(e => new { e.CandidateId, e.SourceCategoryId });
        b.HasOne(e => e.SourceCategory).WithMany().HasForeignKey(e => e.SourceCategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CellMembershipConfiguration : IEntityTypeConfiguration<CellMembership>
{
    public void Configure(EntityTypeBuilder<CellMembership> b)
    {
        b.ConfigureCommuneEntity();
        b.HasOne(e => e.Member).WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(e => e.Cell).WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CellId, e.From });
        b.HasIndex(e => e.MemberId);
    }
}

internal sealed class CellResponsibilityConfiguration : IEntityTypeConfiguration<CellResponsibility>
{
    public void Configure(EntityTypeBuilder<CellResponsibility> b)
    {
        b.ConfigureCommuneEntity();
        b.HasOne(e => e.Member).WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Cell).WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.MemberId, e.CellId });
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(e => e.UserName).HasMaxLength(256);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.Action).HasMaxLength(20);
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => new { e.CommuneId, e.AtUtc });
        b.Property(e => e.PrevHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
        // One row per place in a chain: a second writer that read a stale tail fails here instead of forking the chain.
        b.HasIndex(e => new { e.Chain, e.Seq }).IsUnique();
    }
}

internal sealed class AuditTailConfiguration : IEntityTypeConfiguration<AuditTail>
{
    public void Configure(EntityTypeBuilder<AuditTail> b)
    {
        b.HasKey(e => e.Chain);
        b.Property(e => e.Chain).ValueGeneratedNever();
        b.Property(e => e.Hash).HasMaxLength(64);
        b.Property(e => e.Seal).HasMaxLength(64);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(e => e.FullName).HasMaxLength(100);
        b.Property(e => e.Role).HasMaxLength(30);
    }
}
