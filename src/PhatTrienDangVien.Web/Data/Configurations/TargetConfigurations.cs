using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Targets;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal static class AdoptedTargetConfiguration
{
    public static void ConfigureAdoptedTarget<T>(this EntityTypeBuilder<T> b) where T : AdoptedTarget
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.ResolutionNumber).HasMaxLength(50);
        b.Property(e => e.ResolutionIssuer).HasMaxLength(200);
    }
}

internal sealed class TermTargetConfiguration : IEntityTypeConfiguration<TermTarget>
{
    public void Configure(EntityTypeBuilder<TermTarget> b)
    {
        b.ConfigureAdoptedTarget();
        b.HasOne(e => e.Term).WithMany().HasForeignKey(e => e.TermId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.TermId).IsUnique();
    }
}

internal sealed class YearTargetConfiguration : IEntityTypeConfiguration<YearTarget>
{
    public void Configure(EntityTypeBuilder<YearTarget> b)
    {
        b.ConfigureAdoptedTarget();
        b.HasOne(e => e.Term).WithMany().HasForeignKey(e => e.TermId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.SubTargets).WithOne().HasForeignKey(e => e.YearTargetId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(e => new { e.CommuneId, e.Year }).IsUnique();
    }
}

internal sealed class YearSubTargetConfiguration : IEntityTypeConfiguration<YearSubTarget>
{
    public void Configure(EntityTypeBuilder<YearSubTarget> b)
    {
        b.ConfigureCommuneEntity();
        b.HasIndex(e => new { e.YearTargetId, e.Kind }).IsUnique();
    }
}

internal sealed class CellTargetConfiguration : IEntityTypeConfiguration<CellTarget>
{
    public void Configure(EntityTypeBuilder<CellTarget> b)
    {
        b.ConfigureAdoptedTarget();
        b.HasOne(e => e.Cell).WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CellId, e.Year }).IsUnique();
        b.HasIndex(e => new { e.CommuneId, e.Year });
    }
}
