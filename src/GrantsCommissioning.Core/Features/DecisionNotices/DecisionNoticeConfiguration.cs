using GrantsCommissioning.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

internal sealed class DecisionNoticeConfiguration : IEntityTypeConfiguration<DecisionNotice>
{
    public void Configure(EntityTypeBuilder<DecisionNotice> b)
    {
        b.ToTable("DecisionNotices");
        b.MapCase();
        b.Property(n => n.NoticeReference).HasMaxLength(40);
        b.Property(n => n.Slug).HasMaxLength(40);
        b.Property(n => n.Title).HasMaxLength(200);
        b.HasIndex(n => n.NoticeReference).IsUnique();
        b.HasIndex(n => n.Slug).IsUnique();
        b.HasIndex(n => n.PublishedOn);
        b.HasIndex(n => n.DecisionId).IsUnique();
        b.HasOne(n => n.Application).WithMany().HasForeignKey(n => n.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(n => n.Decision).WithMany().HasForeignKey(n => n.DecisionId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_DecisionNotices_Amount", "AmountPence IS NULL OR AmountPence > 0"));
    }
}
