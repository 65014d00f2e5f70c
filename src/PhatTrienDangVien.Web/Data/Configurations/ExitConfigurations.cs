using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal sealed class MemberExitConfiguration : IEntityTypeConfiguration<MemberExit>
{
    public void Configure(EntityTypeBuilder<MemberExit> b)
    {
        b.ConfigureCommuneEntity();
        b.Property(e => e.Reason).HasMaxLength(1000);
        b.Property(e => e.ProposalNumber).HasMaxLength(50);
        b.Property(e => e.DecisionNumber).HasMaxLength(50);
        b.Property(e => e.DecidingBody).HasMaxLength(200);
        b.Property(e => e.Destination).HasMaxLength(300);
        b.HasOne(e => e.Member).WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.MemberId, e.Status });
        // One proposal awaiting a decision per member, even when two are sent at once (the command checks first, for the message).
        b.HasIndex(e => e.MemberId).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_MemberExits_OnePending");
        b.HasIndex(e => new { e.CommuneId, e.EffectiveOn });
        // One exit per step of the procedure: the removal step writes it once and corrections rewrite the same row.
        b.HasIndex(e => e.StepId).IsUnique();
        b.HasOne(e => e.Step).WithMany().HasForeignKey(e => e.StepId).OnDelete(DeleteBehavior.Restrict);
    }
}
