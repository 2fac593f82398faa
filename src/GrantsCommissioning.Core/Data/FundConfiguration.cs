using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

internal sealed class FundConfiguration :
    IEntityTypeConfiguration<Fund>, IEntityTypeConfiguration<FundBudget>, IEntityTypeConfiguration<FundingRound>
{
    public void Configure(EntityTypeBuilder<Fund> b)
    {
        b.HasIndex(f => f.Code).IsUnique();
        b.Property(f => f.FundingSource).HasMaxLength(200);
        b.Property(f => f.SourceConditions).HasMaxLength(2000);
        b.Property(f => f.CapPercent).HasDefaultValue(100);
        b.HasMany(f => f.Budgets).WithOne(x => x.Fund).HasForeignKey(x => x.FundId);
        b.HasMany(f => f.Rounds).WithOne(r => r.Fund).HasForeignKey(r => r.FundId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<FundBudget> b) =>
        b.HasIndex(x => new { x.FundId, x.FinancialYearStart }).IsUnique();

    public void Configure(EntityTypeBuilder<FundingRound> b)
    {
        b.HasIndex(r => r.Reference).IsUnique();
        b.HasIndex(r => r.ClosesAt);
        b.Property(r => r.AssessorsPerApplication).HasDefaultValue(2);
        b.Property(r => r.DivergenceThresholdPercent).HasDefaultValue(20);
        b.Property(r => r.EligibleOrganisationTypes).HasMaxLength(400);
        b.Property(r => r.EligibleAreas).HasMaxLength(400);
        b.HasMany(r => r.EligibilityRules).WithOne().HasForeignKey(x => x.RoundId);
        b.HasMany(r => r.Criteria).WithOne().HasForeignKey(x => x.RoundId);
        b.HasMany(r => r.Objectives).WithMany().UsingEntity("RoundObjectives");
    }
}
