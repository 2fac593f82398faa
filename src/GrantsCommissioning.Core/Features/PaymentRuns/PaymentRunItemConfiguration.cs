using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

internal sealed class PaymentRunItemConfiguration : IEntityTypeConfiguration<PaymentRunItem>
{
    public void Configure(EntityTypeBuilder<PaymentRunItem> b)
    {
        b.ToTable("PaymentRunItems");
        // A payment is in one run at most: it can never be exported twice.
        b.HasIndex(i => i.PaymentId).IsUnique();
        b.HasOne<Payment>().WithMany().HasForeignKey(i => i.PaymentId).OnDelete(DeleteBehavior.Restrict);
    }
}
