using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Decisions;

internal sealed class DueDiligenceConfiguration : IEntityTypeConfiguration<DueDiligenceCheck>
{
    public void Configure(EntityTypeBuilder<DueDiligenceCheck> b)
    {
        b.ToTable("DueDiligenceChecks");
        b.HasIndex(x => new { x.ApplicationId, x.Item }).IsUnique();
        b.HasOne(x => x.Application).WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Cascade);
        b.Property(x => x.Item).HasMaxLength(40);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.Property(x => x.RecordedByUserId).HasMaxLength(450);
        b.Property(x => x.RecordedByName).HasMaxLength(200);
    }
}
