using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Decisions;

internal sealed class CaseApprovalConfiguration : IEntityTypeConfiguration<CaseApproval>
{
    public void Configure(EntityTypeBuilder<CaseApproval> b)
    {
        b.ToTable("CaseApprovals");
        b.HasIndex(x => x.ApplicationId);
        b.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Post).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(2000);
        b.Property(x => x.ApprovedByUserId).HasMaxLength(450);
        b.Property(x => x.ApprovedByName).HasMaxLength(200);
        b.Property(x => x.DeputyForUserId).HasMaxLength(450);
        b.Property(x => x.DeputyForName).HasMaxLength(200);
        b.Property(x => x.VoidedByName).HasMaxLength(200);
        b.Property(x => x.VoidedReason).HasMaxLength(4000);
    }
}

internal sealed class DeputyConfiguration : IEntityTypeConfiguration<Deputy>
{
    public void Configure(EntityTypeBuilder<Deputy> b)
    {
        b.ToTable("Deputies");
        b.HasIndex(x => x.DeputyUserId);
        b.HasIndex(x => x.PrincipalUserId);
        b.Property(x => x.PrincipalUserId).HasMaxLength(450);
        b.Property(x => x.PrincipalName).HasMaxLength(200);
        b.Property(x => x.DeputyUserId).HasMaxLength(450);
        b.Property(x => x.DeputyName).HasMaxLength(200);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.EndedByName).HasMaxLength(200);
    }
}

internal sealed class FundingLineMoveConfiguration : IEntityTypeConfiguration<FundingLineMove>
{
    public void Configure(EntityTypeBuilder<FundingLineMove> b)
    {
        b.ToTable("FundingLineMoves");
        b.HasIndex(x => new { x.RoundId, x.ApplicationId });
        b.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.MovedByUserId).HasMaxLength(450);
        b.Property(x => x.MovedByName).HasMaxLength(200);
    }
}
