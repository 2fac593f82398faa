using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Transparency;

internal sealed class SensitiveRecipientConfiguration : IEntityTypeConfiguration<SensitiveRecipient>
{
    public void Configure(EntityTypeBuilder<SensitiveRecipient> b)
    {
        b.ToTable("SensitiveRecipients");
        b.HasIndex(s => s.OrganisationId).IsUnique();
        b.HasOne(s => s.Organisation).WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(s => s.Reason).HasMaxLength(SensitiveRecipients.MaxReason);
        b.Property(s => s.MarkedByName).HasMaxLength(200);
    }
}
