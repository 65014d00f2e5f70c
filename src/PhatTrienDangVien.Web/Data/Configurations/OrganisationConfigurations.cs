using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Common;
using PhatTrienDangVien.Core.Organisations;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal static class CommuneEntityConfiguration
{
    public static void ConfigureCommuneEntity<T>(this EntityTypeBuilder<T> b) where T : CommuneEntity
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasIndex(e => e.CommuneId);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.NameFolded).HasMaxLength(200);
        b.Property(e => e.Code).HasMaxLength(50);
        b.Property(e => e.Address).HasMaxLength(300);
        b.Property(e => e.AdmissionAuthority).HasMaxLength(200);
        b.HasOne(e => e.Parent).WithMany(e => e.Children).HasForeignKey(e => e.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Hamlet).WithMany().HasForeignKey(e => e.HamletId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => new { e.CommuneId, e.Kind });
        // Two real communes of one installation never share a name (whatever the diacritics): the province's add and
        // rename check it, and this index answers two of them at once. The fictional demo may bear a real commune's name
        // (an office that set up Nhơn Mỹ and then tries the demo).
        b.HasIndex(e => e.NameFolded).IsUnique().HasFilter("\"Kind\" = 0 AND NOT \"IsDemo\"").HasDatabaseName("IX_Organisations_CommuneName");
    }
}

internal sealed class HamletConfiguration : IEntityTypeConfiguration<Hamlet>
{
    public void Configure(EntityTypeBuilder<Hamlet> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.NameFolded).HasMaxLength(200);
        b.Property(e => e.Notes).HasMaxLength(1000);
    }
}

internal sealed class PoliticalCenterConfiguration : IEntityTypeConfiguration<PoliticalCenter>
{
    public void Configure(EntityTypeBuilder<PoliticalCenter> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.Address).HasMaxLength(300);
        b.Property(e => e.Phone).HasMaxLength(20);
        b.Property(e => e.DirectorName).HasMaxLength(100);
    }
}

internal sealed class TermConfiguration : IEntityTypeConfiguration<Term>
{
    public void Configure(EntityTypeBuilder<Term> b)
    {
        b.ConfigureCommuneEntity();
        b.Ignore(e => e.Name);
    }
}

internal sealed class CalendarDayOverrideConfiguration : IEntityTypeConfiguration<Core.Calendar.CalendarDayOverride>
{
    public void Configure(EntityTypeBuilder<Core.Calendar.CalendarDayOverride> b)
    {
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Name).HasMaxLength(200);
        b.HasIndex(e => e.Date).IsUnique();
    }
}

internal sealed class SchoolConfiguration : IEntityTypeConfiguration<School>
{
    public void Configure(EntityTypeBuilder<School> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Name).HasMaxLength(200);
        b.Property(e => e.NameFolded).HasMaxLength(200);
        b.Property(e => e.Notes).HasMaxLength(1000);
        b.HasOne(e => e.Hamlet).WithMany().HasForeignKey(e => e.HamletId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(e => e.Cell).WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.SetNull);
    }
}
