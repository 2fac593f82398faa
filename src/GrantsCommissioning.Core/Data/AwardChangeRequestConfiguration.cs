using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

internal sealed class AwardChangeRequestConfiguration : IEntityTypeConfiguration<AwardChangeRequest>
{
    public void Configure(EntityTypeBuilder<AwardChangeRequest> b)
    {
        b.HasIndex(x => new { x.AwardId, x.Status });
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.RequestedByName).HasMaxLength(200);
        b.Property(x => x.DecidedByName).HasMaxLength(200);
        b.Property(x => x.DecisionComment).HasMaxLength(2000);
        b.Property(x => x.NewEmail).HasMaxLength(320);
        b.HasOne<AwardIndicator>().WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Award>().WithMany().HasForeignKey(x => x.AwardId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AwardCostLine>().WithMany().HasForeignKey(x => x.FromCostLineId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AwardCostLine>().WithMany().HasForeignKey(x => x.ToCostLineId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_AwardChangeRequests_Amount", "AmountPence >= 0"));
    }
}
