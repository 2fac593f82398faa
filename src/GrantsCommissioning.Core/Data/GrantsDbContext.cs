using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Data;

public partial class GrantsDbContext(DbContextOptions<GrantsDbContext> options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<PoliceAndCrimePlan> Plans => Set<PoliceAndCrimePlan>();
    public DbSet<PlanAim> Aims => Set<PlanAim>();
    public DbSet<PlanObjective> Objectives => Set<PlanObjective>();
    public DbSet<SuccessMeasure> Measures => Set<SuccessMeasure>();
    public DbSet<MeasureReading> MeasureReadings => Set<MeasureReading>();
    public DbSet<NationalPriority> NationalPriorities => Set<NationalPriority>();
    public DbSet<NationalMetric> NationalMetrics => Set<NationalMetric>();
    public DbSet<Fund> Funds => Set<Fund>();
    public DbSet<FundBudget> FundBudgets => Set<FundBudget>();
    public DbSet<FundingRound> Rounds => Set<FundingRound>();
    public DbSet<EligibilityRule> EligibilityRules => Set<EligibilityRule>();
    public DbSet<AssessmentCriterion> Criteria => Set<AssessmentCriterion>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();
    public DbSet<GrantApplication> Applications => Set<GrantApplication>();
    public DbSet<ApplicationBudgetLine> ApplicationBudgetLines => Set<ApplicationBudgetLine>();
    public DbSet<ApplicationObjective> ApplicationObjectives => Set<ApplicationObjective>();
    public DbSet<ApplicationIndicator> ApplicationIndicators => Set<ApplicationIndicator>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<AssessmentScore> AssessmentScores => Set<AssessmentScore>();
    public DbSet<Decision> Decisions => Set<Decision>();
    public DbSet<Award> Awards => Set<Award>();
    public DbSet<AwardYearSplit> AwardYearSplits => Set<AwardYearSplit>();
    public DbSet<AwardCostLine> AwardCostLines => Set<AwardCostLine>();
    public DbSet<AwardCondition> AwardConditions => Set<AwardCondition>();
    public DbSet<AwardIndicator> AwardIndicators => Set<AwardIndicator>();
    public DbSet<AwardObjective> AwardObjectives => Set<AwardObjective>();
    public DbSet<AwardChangeRequest> AwardChangeRequests => Set<AwardChangeRequest>();
    public DbSet<AwardRating> AwardRatings => Set<AwardRating>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<MonitoringReturn> Returns => Set<MonitoringReturn>();
    public DbSet<ReturnSpendLine> ReturnSpendLines => Set<ReturnSpendLine>();
    public DbSet<ReturnIndicatorValue> ReturnIndicatorValues => Set<ReturnIndicatorValue>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<OutboxEmail> Outbox => Set<OutboxEmail>();
    public DbSet<WorkflowJournalEntry> WorkflowJournal => Set<WorkflowJournalEntry>();
    public DbSet<WorkflowDefinitionRecord> WorkflowDefinitions => Set<WorkflowDefinitionRecord>();
    /// <summary>ASP.NET Core's data-protection key ring (cookies, antiforgery tokens), shared by every node of the app.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsNpgsql())
        {
            // timestamptz: an instant, written as UTC.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcConverter>();
        }
        else
        {
            // Instants are stored as UTC ticks so they sort and compare correctly in SQLite.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(GrantsDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            QuoteCheckConstraintColumns(builder);
        }
    }

    /// <summary>
    /// Check constraints are written once, with bare column names (SQLite matches them case-insensitively); PostgreSQL
    /// folds bare names to lower case, so there each column name in a constraint is quoted.
    /// </summary>
    private static void QuoteCheckConstraintColumns(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            var columns = entity.GetProperties().Select(p => p.GetColumnName()).Distinct().ToList();
            foreach (var check in entity.GetCheckConstraints().ToList())
            {
                var sql = columns.Aggregate(check.Sql, (text, column) =>
                    Regex.Replace(text, $@"(?<![""\w]){Regex.Escape(column)}(?![""\w])", $"\"{column}\""));
                entity.RemoveCheckConstraint(check.ModelName);
                entity.AddCheckConstraint(check.ModelName, sql);
            }
        }
    }
}
