using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

internal sealed class RecordConfiguration :
    IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<OutboxEmail>,
    IEntityTypeConfiguration<WorkflowJournalEntry>, IEntityTypeConfiguration<WorkflowDefinitionRecord>,
    IEntityTypeConfiguration<DataProtectionKey>
{
    /// <summary>A key's XML grows when an XML encryptor (certificate) is configured, so it is not held to 4000 characters.</summary>
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.Property(k => k.Xml).HasMaxLength(int.MaxValue);

    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.Before).HasMaxLength(int.MaxValue);
        b.Property(a => a.After).HasMaxLength(int.MaxValue);
        b.HasIndex(a => new { a.EntityType, a.EntityId });
    }

    public void Configure(EntityTypeBuilder<OutboxEmail> b)
    {
        b.Property(e => e.BodyText).HasMaxLength(int.MaxValue);
        b.HasIndex(e => e.DedupeKey).IsUnique();
        b.HasIndex(e => new { e.Status, e.NextAttemptAt });
    }

    public void Configure(EntityTypeBuilder<WorkflowJournalEntry> b)
    {
        b.HasIndex(j => j.IdempotencyKey).IsUnique();
        b.HasIndex(j => new { j.CaseKind, j.CaseId, j.Sequence }).IsUnique();
    }

    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> b) =>
        b.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
}
