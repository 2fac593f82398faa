using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Retention;

internal sealed class RetentionConfiguration :
    IEntityTypeConfiguration<RetentionPolicy>, IEntityTypeConfiguration<LegalHold>, IEntityTypeConfiguration<RetentionRun>, IEntityTypeConfiguration<RetentionRunItem>
{
    public void Configure(EntityTypeBuilder<RetentionPolicy> b)
    {
        b.ToTable("RetentionPolicies");
        b.HasIndex(p => p.RecordType).IsUnique();
        b.Property(p => p.UpdatedByName).HasMaxLength(200);
        b.HasData(RetentionDefaults.Policies.Select((p, i) => new RetentionPolicy { Id = i + 1, RecordType = p.RecordType, Period = p.Period, Unit = p.Unit }));
    }

    public void Configure(EntityTypeBuilder<LegalHold> b)
    {
        b.ToTable("LegalHolds");
        b.Property(h => h.Reference).HasMaxLength(60);
        b.Property(h => h.Reason).HasMaxLength(RetentionInputs.MaxReasonLength);
        b.Property(h => h.LiftReason).HasMaxLength(RetentionInputs.MaxReasonLength);
        b.Property(h => h.PlacedByName).HasMaxLength(200);
        b.Property(h => h.LiftedByName).HasMaxLength(200);
        b.HasIndex(h => new { h.CaseKind, h.CaseId });
    }

    public void Configure(EntityTypeBuilder<RetentionRun> b)
    {
        b.ToTable("RetentionRuns");
        b.Property(r => r.CreatedByName).HasMaxLength(200);
        b.Property(r => r.ApprovedByName).HasMaxLength(200);
        b.HasMany(r => r.Items).WithOne().HasForeignKey(i => i.RunId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<RetentionRunItem> b)
    {
        b.ToTable("RetentionRunItems");
        b.Property(i => i.Reference).HasMaxLength(60);
        b.Property(i => i.Policy).HasMaxLength(200);
        b.Property(i => i.Action).HasMaxLength(500);
        b.Property(i => i.OutcomeNote).HasMaxLength(500);
        b.HasIndex(i => new { i.RunId, i.Kind, i.RecordType });
        b.HasIndex(i => new { i.CaseKind, i.CaseId });
    }
}
