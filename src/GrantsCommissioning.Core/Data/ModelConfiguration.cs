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

internal sealed class FundConfiguration :
    IEntityTypeConfiguration<Fund>, IEntityTypeConfiguration<FundBudget>, IEntityTypeConfiguration<FundingRound>
{
    public void Configure(EntityTypeBuilder<Fund> b)
    {
        b.HasIndex(f => f.Code).IsUnique();
        b.HasMany(f => f.Budgets).WithOne(x => x.Fund).HasForeignKey(x => x.FundId);
        b.HasMany(f => f.Rounds).WithOne(r => r.Fund).HasForeignKey(r => r.FundId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<FundBudget> b) =>
        b.HasIndex(x => new { x.FundId, x.FinancialYearStart }).IsUnique();

    public void Configure(EntityTypeBuilder<FundingRound> b)
    {
        b.HasIndex(r => r.Reference).IsUnique();
        b.HasIndex(r => r.ClosesAt);
        b.HasMany(r => r.EligibilityRules).WithOne().HasForeignKey(x => x.RoundId);
        b.HasMany(r => r.Criteria).WithOne().HasForeignKey(x => x.RoundId);
        b.HasMany(r => r.Objectives).WithMany().UsingEntity("RoundObjectives");
    }
}

internal sealed class OrganisationConfiguration :
    IEntityTypeConfiguration<Organisation>, IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(200);
        b.HasMany(o => o.Members).WithOne(m => m.Organisation).HasForeignKey(m => m.OrganisationId);
        b.HasIndex(o => o.CharityNumber);
        b.HasIndex(o => o.CompanyNumber);
    }

    public void Configure(EntityTypeBuilder<OrganisationMember> b)
    {
        b.HasIndex(m => new { m.OrganisationId, m.Email }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal static class WorkflowCaseMapping
{
    public static void MapCase<T>(this EntityTypeBuilder<T> b) where T : WorkflowCaseBase
    {
        b.Property(c => c.State).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.State);
    }
}

internal sealed class ApplicationConfiguration :
    IEntityTypeConfiguration<GrantApplication>, IEntityTypeConfiguration<ApplicationObjective>,
    IEntityTypeConfiguration<Assessment>, IEntityTypeConfiguration<AssessmentScore>, IEntityTypeConfiguration<Decision>,
    IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<GrantApplication> b)
    {
        b.MapCase();
        b.HasIndex(a => a.ApplicationReference).IsUnique();
        b.HasOne(a => a.Round).WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.BudgetLines).WithOne().HasForeignKey(x => x.ApplicationId);
        b.HasMany(a => a.Objectives).WithOne().HasForeignKey(x => x.ApplicationId);
        b.HasMany(a => a.Indicators).WithOne().HasForeignKey(x => x.ApplicationId);
        b.HasMany(a => a.Attachments).WithOne().HasForeignKey(x => x.ApplicationId);
        b.HasMany(a => a.NationalPriorities).WithMany().UsingEntity("ApplicationNationalPriorities");
    }

    public void Configure(EntityTypeBuilder<ApplicationObjective> b)
    {
        b.HasKey(x => new { x.ApplicationId, x.ObjectiveId });
        b.HasOne(x => x.Objective).WithMany().HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_ApplicationObjectives_Share", "SharePercent BETWEEN 1 AND 100"));
    }

    public void Configure(EntityTypeBuilder<Assessment> b)
    {
        b.HasOne(a => a.Application).WithMany(x => x.Assessments).HasForeignKey(a => a.ApplicationId);
        b.HasIndex(a => new { a.ApplicationId, a.AssessorUserId }).IsUnique();
        b.HasMany(a => a.Scores).WithOne().HasForeignKey(s => s.AssessmentId);
    }

    public void Configure(EntityTypeBuilder<AssessmentScore> b)
    {
        b.HasIndex(s => new { s.AssessmentId, s.CriterionId }).IsUnique();
        b.HasOne(s => s.Criterion).WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<Decision> b)
    {
        b.HasOne(d => d.Application).WithMany(a => a.Decisions).HasForeignKey(d => d.ApplicationId);
        b.HasIndex(d => d.NoticeReference).IsUnique();
    }

    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasIndex(x => x.StoredName).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId);
    }
}

internal sealed class AwardConfiguration :
    IEntityTypeConfiguration<Award>, IEntityTypeConfiguration<AwardObjective>, IEntityTypeConfiguration<Payment>,
    IEntityTypeConfiguration<MonitoringReturn>, IEntityTypeConfiguration<ReturnSpendLine>,
    IEntityTypeConfiguration<ReturnIndicatorValue>, IEntityTypeConfiguration<AwardYearSplit>
{
    public void Configure(EntityTypeBuilder<Award> b)
    {
        b.MapCase();
        b.HasIndex(a => a.AwardReference).IsUnique();
        b.HasIndex(a => a.AwardedOn);
        b.HasOne(a => a.Application).WithMany().HasForeignKey(a => a.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Decision).WithMany().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Fund).WithMany().HasForeignKey(a => a.FundId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.YearSplits).WithOne().HasForeignKey(x => x.AwardId);
        b.HasMany(a => a.CostLines).WithOne().HasForeignKey(x => x.AwardId);
        b.HasMany(a => a.Conditions).WithOne().HasForeignKey(x => x.AwardId);
        b.HasMany(a => a.Indicators).WithOne().HasForeignKey(x => x.AwardId);
        b.HasMany(a => a.Objectives).WithOne().HasForeignKey(x => x.AwardId);
        b.HasMany(a => a.NationalPriorities).WithMany().UsingEntity("AwardNationalPriorities");
        b.ToTable(t => t.HasCheckConstraint("CK_Awards_Amount", "AmountPence > 0"));
    }

    public void Configure(EntityTypeBuilder<AwardYearSplit> b) => b.HasIndex(x => new { x.AwardId, x.FinancialYearStart }).IsUnique();

    public void Configure(EntityTypeBuilder<AwardObjective> b)
    {
        b.HasKey(x => new { x.AwardId, x.ObjectiveId });
        b.HasOne(x => x.Objective).WithMany().HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_AwardObjectives_Share", "SharePercent BETWEEN 1 AND 100"));
    }

    public void Configure(EntityTypeBuilder<Payment> b)
    {
        b.MapCase();
        b.HasIndex(p => p.PaymentReference).IsUnique();
        b.HasIndex(p => p.PaidOn);
        b.HasOne(p => p.Award).WithMany(a => a.Payments).HasForeignKey(p => p.AwardId);
    }

    public void Configure(EntityTypeBuilder<MonitoringReturn> b)
    {
        b.MapCase();
        b.HasIndex(r => r.ReturnReference).IsUnique();
        b.HasIndex(r => r.DueDate);
        b.HasOne(r => r.Award).WithMany(a => a.Returns).HasForeignKey(r => r.AwardId);
        b.HasMany(r => r.SpendLines).WithOne().HasForeignKey(x => x.ReturnId);
        b.HasMany(r => r.IndicatorValues).WithOne().HasForeignKey(x => x.ReturnId);
        b.HasMany(r => r.Evidence).WithOne().HasForeignKey(x => x.MonitoringReturnId);
    }

    public void Configure(EntityTypeBuilder<ReturnSpendLine> b)
    {
        b.HasIndex(x => new { x.ReturnId, x.CostLineId }).IsUnique();
        b.HasOne(x => x.CostLine).WithMany().HasForeignKey(x => x.CostLineId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<ReturnIndicatorValue> b)
    {
        b.HasIndex(x => new { x.ReturnId, x.IndicatorId }).IsUnique();
        b.HasOne(x => x.Indicator).WithMany().HasForeignKey(x => x.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RecordConfiguration :
    IEntityTypeConfiguration<AuditEntry>, IEntityTypeConfiguration<OutboxEmail>,
    IEntityTypeConfiguration<WorkflowJournalEntry>, IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
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
