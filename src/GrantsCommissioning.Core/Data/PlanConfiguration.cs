using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

internal sealed class PlanConfiguration :
    IEntityTypeConfiguration<PoliceAndCrimePlan>, IEntityTypeConfiguration<PlanObjective>,
    IEntityTypeConfiguration<PlanAim>, IEntityTypeConfiguration<MeasureReading>, IEntityTypeConfiguration<NationalPriority>
{
    public void Configure(EntityTypeBuilder<PoliceAndCrimePlan> b)
    {
        b.HasIndex(p => new { p.Code, p.Version }).IsUnique();
        b.HasMany(p => p.Objectives).WithOne(o => o.Plan).HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Aims).WithOne(a => a.Plan).HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<PlanAim> b) => b.HasIndex(a => new { a.PlanId, a.Number }).IsUnique();

    public void Configure(EntityTypeBuilder<PlanObjective> b)
    {
        b.HasIndex(o => new { o.PlanId, o.Number }).IsUnique();
        b.HasOne(o => o.Aim).WithMany().HasForeignKey(o => o.AimId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(o => o.Measures).WithOne(m => m.Objective).HasForeignKey(m => m.ObjectiveId);
        b.HasMany(o => o.NationalPriorities).WithMany(p => p.Objectives).UsingEntity("ObjectiveNationalPriorities");
    }

    public void Configure(EntityTypeBuilder<MeasureReading> b)
    {
        b.HasIndex(r => new { r.MeasureId, r.FinancialYearStart, r.Quarter }).IsUnique();
        b.HasOne(r => r.Measure).WithMany(m => m.Readings).HasForeignKey(r => r.MeasureId);
    }

    public void Configure(EntityTypeBuilder<NationalPriority> b)
    {
        b.HasIndex(p => p.Code).IsUnique();
        b.HasMany(p => p.Metrics).WithOne(m => m.Priority).HasForeignKey(m => m.PriorityId);
    }
}
