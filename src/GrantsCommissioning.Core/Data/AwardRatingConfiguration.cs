using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

internal sealed class AwardRatingConfiguration : IEntityTypeConfiguration<AwardRating>
{
    public void Configure(EntityTypeBuilder<AwardRating> b)
    {
        b.HasIndex(x => new { x.AwardId, x.RatedAt });
        b.Property(x => x.Reason).HasMaxLength(2000);
        b.Property(x => x.RatedByName).HasMaxLength(200);
        b.HasOne<Award>().WithMany().HasForeignKey(x => x.AwardId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_AwardRatings_Rag", "Rag BETWEEN 1 AND 3"));
    }
}
