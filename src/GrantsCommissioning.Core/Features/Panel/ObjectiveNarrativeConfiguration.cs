using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Panel;

internal sealed class ObjectiveNarrativeConfiguration : IEntityTypeConfiguration<ObjectiveNarrative>
{
    public void Configure(EntityTypeBuilder<ObjectiveNarrative> b)
    {
        b.ToTable("ObjectiveNarratives");
        b.HasIndex(n => new { n.DraftId, n.ObjectiveId }).IsUnique();
        b.HasOne(n => n.Objective).WithMany().HasForeignKey(n => n.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
    }
}
