using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Panel;

internal sealed class PanelReportDraftConfiguration : IEntityTypeConfiguration<PanelReportDraft>
{
    public void Configure(EntityTypeBuilder<PanelReportDraft> b)
    {
        b.ToTable("PanelReportDrafts");
        b.HasIndex(d => new { d.FinancialYearStart, d.Quarter }).IsUnique();
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        b.HasMany(d => d.Narratives).WithOne(n => n.Draft).HasForeignKey(n => n.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}
