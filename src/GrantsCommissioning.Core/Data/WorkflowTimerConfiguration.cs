using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

internal sealed class WorkflowTimerConfiguration : IEntityTypeConfiguration<WorkflowTimer>
{
    public void Configure(EntityTypeBuilder<WorkflowTimer> b)
    {
        b.Property(t => t.DefinitionId).HasMaxLength(64);
        b.Property(t => t.State).HasMaxLength(64);
        b.Property(t => t.Trigger).HasMaxLength(64);
        b.HasIndex(t => new { t.CaseKind, t.CaseId, t.Status });
        b.HasIndex(t => new { t.Status, t.InScheduler });
    }
}
