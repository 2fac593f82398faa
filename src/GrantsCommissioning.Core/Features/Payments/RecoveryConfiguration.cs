using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Payments;

internal sealed class RecoveryConfiguration : IEntityTypeConfiguration<Recovery>
{
    public void Configure(EntityTypeBuilder<Recovery> b)
    {
        b.ToTable("Recoveries");
        b.Property(r => r.InvoiceReference).HasMaxLength(40);
        b.Property(r => r.Reason).HasMaxLength(1000);
        b.Property(r => r.RaisedByUserId).HasMaxLength(450);
        b.Property(r => r.RaisedByName).HasMaxLength(200);
        b.Property(r => r.ReceiptReference).HasMaxLength(40);
        b.Property(r => r.ReceivedByName).HasMaxLength(200);
        b.HasIndex(r => r.InvoiceReference).IsUnique();
        b.HasIndex(r => new { r.RaisedOn, r.AwardId, r.AmountPence });
        b.HasIndex(r => r.PaymentId).IsUnique();
        b.HasOne(r => r.Award).WithMany().HasForeignKey(r => r.AwardId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<GrantsCommissioning.Core.Domain.Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_Recoveries_Negative", "AmountPence < 0"));
    }
}
