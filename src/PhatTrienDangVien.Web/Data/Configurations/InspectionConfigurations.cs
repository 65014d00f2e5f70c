using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Inspections;
using PhatTrienDangVien.Core.Organisations;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal sealed class InspectionPlanItemConfiguration : IEntityTypeConfiguration<InspectionPlanItem>
{
    public void Configure(EntityTypeBuilder<InspectionPlanItem> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Topic).HasMaxLength(500);
        b.Property(e => e.Team).HasMaxLength(500);
        b.Property(e => e.Notes).HasMaxLength(1000);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CommuneId, e.Year });
        b.HasIndex(e => e.CellId);
    }
}

internal sealed class InspectionSessionConfiguration : IEntityTypeConfiguration<InspectionSession>
{
    public void Configure(EntityTypeBuilder<InspectionSession> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Team).HasMaxLength(500);
        b.Property(e => e.Conclusion).HasMaxLength(4000);
        b.HasOne<InspectionPlanItem>().WithMany().HasForeignKey(e => e.PlanItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.PlanItemId);
        b.HasIndex(e => e.CellId);
    }
}

internal sealed class InspectionFindingConfiguration : IEntityTypeConfiguration<InspectionFinding>
{
    public void Configure(EntityTypeBuilder<InspectionFinding> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Text).HasMaxLength(2000);
        b.HasOne<InspectionSession>().WithMany().HasForeignKey(e => e.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Core.People.Candidate>().WithMany().HasForeignKey(e => e.CandidateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.SessionId);
        b.HasIndex(e => e.CellId);
    }
}

internal sealed class CorrectiveActionConfiguration : IEntityTypeConfiguration<CorrectiveAction>
{
    public void Configure(EntityTypeBuilder<CorrectiveAction> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Task).HasMaxLength(1000);
        b.Property(e => e.Owner).HasMaxLength(300);
        b.Property(e => e.Evidence).HasMaxLength(2000);
        b.Property(e => e.CancelReason).HasMaxLength(1000);
        b.HasOne<InspectionFinding>().WithMany().HasForeignKey(e => e.FindingId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.FindingId);
        // The alerts and the work lists ask for the open ones past their date.
        b.HasIndex(e => new { e.CommuneId, e.Status, e.DueDate });
        b.HasIndex(e => e.CellId);
    }
}
