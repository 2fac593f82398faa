using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Funds;

internal sealed class AllocationTableConfiguration : IEntityTypeConfiguration<AllocationTable>
{
    public void Configure(EntityTypeBuilder<AllocationTable> b)
    {
        b.ToTable("AllocationTables");
        b.Property(t => t.FileName).HasMaxLength(200);
        b.Property(t => t.Sha256).HasMaxLength(64);
        b.Property(t => t.ImportedByName).HasMaxLength(200);
        b.HasIndex(t => t.Sha256).IsUnique();
        b.HasIndex(t => new { t.FundId, t.FinancialYearStart }).IsUnique();
        b.HasOne<Fund>().WithMany().HasForeignKey(t => t.FundId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Lines).WithOne().HasForeignKey(l => l.TableId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AllocationLineConfiguration : IEntityTypeConfiguration<AllocationLine>
{
    public void Configure(EntityTypeBuilder<AllocationLine> b)
    {
        b.ToTable("AllocationLines");
        b.Property(l => l.Partner).HasMaxLength(200);
        b.HasOne<Organisation>().WithMany().HasForeignKey(l => l.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Award>().WithMany().HasForeignKey(l => l.AwardId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => l.AwardId).IsUnique();
    }
}
