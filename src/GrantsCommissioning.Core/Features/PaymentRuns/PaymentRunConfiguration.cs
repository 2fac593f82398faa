using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

internal sealed class PaymentRunConfiguration : IEntityTypeConfiguration<PaymentRun>
{
    public void Configure(EntityTypeBuilder<PaymentRun> b)
    {
        b.ToTable("PaymentRuns");
        b.MapCase();
        b.Property(r => r.RunReference).HasMaxLength(40);
        b.Property(r => r.BatchReference).HasMaxLength(60);
        b.Property(r => r.PreparedByUserId).HasMaxLength(450);
        b.Property(r => r.PreparedByName).HasMaxLength(200);
        b.Property(r => r.AuthorisedByUserId).HasMaxLength(450);
        b.Property(r => r.AuthorisedByName).HasMaxLength(200);
        b.HasIndex(r => r.RunReference).IsUnique();
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
