using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

internal sealed class ReconciliationItemConfiguration : IEntityTypeConfiguration<ReconciliationItem>
{
    public void Configure(EntityTypeBuilder<ReconciliationItem> b)
    {
        b.ToTable("ReconciliationItems");
        b.Property(m => m.PaymentReference).HasMaxLength(60);
        b.Property(m => m.FinanceReference).HasMaxLength(60);
        b.Property(m => m.Detail).HasMaxLength(300);
    }
}
