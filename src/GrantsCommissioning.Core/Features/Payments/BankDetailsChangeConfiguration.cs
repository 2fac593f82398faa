using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Payments;

internal sealed class BankDetailsChangeConfiguration : IEntityTypeConfiguration<BankDetailsChange>
{
    public void Configure(EntityTypeBuilder<BankDetailsChange> b)
    {
        b.ToTable("BankDetailsChanges");
        b.Property(c => c.ChangedByUserId).HasMaxLength(450);
        b.Property(c => c.ChangedByName).HasMaxLength(200);
        b.Property(c => c.Before).HasMaxLength(100);
        b.Property(c => c.After).HasMaxLength(100);
        b.Property(c => c.VerifiedByUserId).HasMaxLength(450);
        b.Property(c => c.VerifiedByName).HasMaxLength(200);
        b.Property(c => c.VerificationNote).HasMaxLength(500);
        b.HasIndex(c => new { c.OrganisationId, c.VerifiedAt });
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
