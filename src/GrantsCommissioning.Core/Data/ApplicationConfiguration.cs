using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

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
        b.Property(a => a.PublicInterestReason).HasMaxLength(2000);
        b.Property(a => a.PublicInterestFlaggedByName).HasMaxLength(200);
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
        b.Property(d => d.DeputyForName).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasIndex(x => x.StoredName).IsUnique();
        b.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId);
    }
}
