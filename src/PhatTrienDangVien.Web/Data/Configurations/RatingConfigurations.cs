using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PhatTrienDangVien.Core.Evaluations;
using PhatTrienDangVien.Core.Organisations;
using PhatTrienDangVien.Core.People;

namespace PhatTrienDangVien.Web.Data.Configurations;

internal sealed class QualityRatingRecordConfiguration : IEntityTypeConfiguration<QualityRatingRecord>
{
    public void Configure(EntityTypeBuilder<QualityRatingRecord> b)
    {
        b.ConfigureCommuneEntity();
        b.ToTable("QualityRatings");
        b.Property(e => e.Score).HasPrecision(5, 2);
        b.Property(e => e.SelfAssessment).HasMaxLength(4000);
        b.Property(e => e.OverrideReason).HasMaxLength(1000);
        b.Property(e => e.Explanation).HasMaxLength(1500);
        b.Property(e => e.DecidingBody).HasMaxLength(200);
        b.Property(e => e.Notes).HasMaxLength(1000);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.CellId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        // One rating a year per cell and per member, even when two are saved at once.
        b.HasIndex(e => new { e.Year, e.CellId }).IsUnique().HasFilter("\"MemberId\" IS NULL").HasDatabaseName("IX_QualityRatings_OnePerCell");
        b.HasIndex(e => new { e.Year, e.MemberId }).IsUnique().HasFilter("\"MemberId\" IS NOT NULL").HasDatabaseName("IX_QualityRatings_OnePerMember");
        b.HasIndex(e => new { e.CommuneId, e.Year, e.Kind });
        b.HasIndex(e => e.CellId);
    }
}

internal sealed class RatingSettingsConfiguration : IEntityTypeConfiguration<RatingSettings>
{
    public void Configure(EntityTypeBuilder<RatingSettings> b)
    {
        b.ConfigureCommuneEntity();
        b.Ignore(e => e.Scale);
        b.Ignore(e => e.Weights);
        foreach (var p in new[] { nameof(RatingSettings.ExcellentMin), nameof(RatingSettings.GoodMin), nameof(RatingSettings.CompleteMin),
                     nameof(RatingSettings.WeightTargetReached), nameof(RatingSettings.WeightCandidatesTrained), nameof(RatingSettings.WeightNoOverdueSteps),
                     nameof(RatingSettings.WeightEveryoneMentored) })
            b.Property(p).HasPrecision(5, 2);
        b.Property(e => e.Criteria).HasMaxLength(4000);
        b.HasIndex(e => e.CommuneId).IsUnique();
    }
}
