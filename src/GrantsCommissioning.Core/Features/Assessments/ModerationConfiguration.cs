using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Assessments;

internal sealed class ModerationConfiguration : IEntityTypeConfiguration<Moderation>
{
    public void Configure(EntityTypeBuilder<Moderation> b)
    {
        b.ToTable("Moderations", t => t.HasCheckConstraint("CK_Moderations_Score", "Score BETWEEN 0 AND 100"));
        b.HasIndex(m => m.ApplicationId).IsUnique();
        b.HasOne(m => m.Application).WithMany().HasForeignKey(m => m.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(m => m.ModeratedByUserId).HasMaxLength(450);
        b.Property(m => m.ModeratedByName).HasMaxLength(200);
    }
}
