using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

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
        b.HasIndex(a => new { a.OfficerUserId, a.State });
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

    public void Configure(EntityTypeBuilder<AwardYearSplit> b)
    {
        b.HasIndex(x => new { x.AwardId, x.FinancialYearStart }).IsUnique();
        // A financial year's commitments (the finance page, the fund figures): that year's splits only, covering the
        // award and amount, not a scan of every award's splits in the history.
        b.HasIndex(x => new { x.FinancialYearStart, x.AwardId, x.AmountPence });
    }

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
        // The roll-up's "paid or recovered in the period": state first (equality, IN), then the date range, covering
        // the award and amount so a period reads only its own payments, not the history of every state.
        b.HasIndex(p => new { p.State, p.PaidOn, p.AwardId, p.AmountPence });
        // Finance's payments needing action, paged by due date within the states.
        b.HasIndex(p => new { p.State, p.DueDate });
        b.HasOne(p => p.Award).WithMany(a => a.Payments).HasForeignKey(p => p.AwardId);
        b.Property(p => p.Basis).HasDefaultValue(PaymentBasis.Arrears).HasSentinel(default(PaymentBasis));
        b.Property(p => p.AdvanceJustification).HasMaxLength(2000);
        b.Property(p => p.ConditionDocument).HasMaxLength(200);
        b.Property(p => p.DocumentReceivedByName).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<MonitoringReturn> b)
    {
        b.MapCase();
        b.HasIndex(r => r.ReturnReference).IsUnique();
        b.HasIndex(r => r.DueDate);
        // Accepted returns by period end (the roll-up and the Panel): equality on state, range on the period end.
        b.HasIndex(r => new { r.State, r.PeriodEnd, r.AwardId });
        // The officer's returns to review and overdue, paged by due date: a page is read in index order, not sorted.
        b.HasIndex(r => new { r.State, r.DueDate });
        // An award's returns in a state (the portfolio's counts per award): both equalities, so a count reads that
        // award's few returns, not every return in the state since the first year (which an index on the state alone,
        // the planner's other choice, would).
        b.HasIndex(r => new { r.AwardId, r.State });
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
