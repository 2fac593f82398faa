using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Funds;

internal sealed class CarryForwardConfiguration : IEntityTypeConfiguration<CarryForward>
{
    public void Configure(EntityTypeBuilder<CarryForward> b)
    {
        b.ToTable("FundCarryForwards");
        b.Property(c => c.Reason).HasMaxLength(1000);
        b.Property(c => c.DecidedByUserId).HasMaxLength(450);
        b.Property(c => c.DecidedByName).HasMaxLength(200);
        b.HasOne<Fund>().WithMany().HasForeignKey(c => c.FundId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.FundId, c.FromYearStart });
    }
}

internal sealed class VirementConfiguration : IEntityTypeConfiguration<Virement>
{
    public void Configure(EntityTypeBuilder<Virement> b)
    {
        b.ToTable("FundVirements");
        b.Property(v => v.Reason).HasMaxLength(1000);
        b.Property(v => v.DecisionNote).HasMaxLength(1000);
        b.Property(v => v.RequestedByUserId).HasMaxLength(450);
        b.Property(v => v.RequestedByName).HasMaxLength(200);
        b.Property(v => v.DecidedByUserId).HasMaxLength(450);
        b.Property(v => v.DecidedByName).HasMaxLength(200);
        b.HasOne<Fund>().WithMany().HasForeignKey(v => v.FromFundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Fund>().WithMany().HasForeignKey(v => v.ToFundId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => v.Status);
    }
}
