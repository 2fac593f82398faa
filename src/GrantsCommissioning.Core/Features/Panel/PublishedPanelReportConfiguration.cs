using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Panel;

internal sealed class PublishedPanelReportConfiguration : IEntityTypeConfiguration<PublishedPanelReport>
{
    public void Configure(EntityTypeBuilder<PublishedPanelReport> b)
    {
        b.ToTable("PublishedPanelReports");
        b.HasIndex(r => new { r.FinancialYearStart, r.Quarter, r.Version }).IsUnique();
        b.Property(r => r.ContentHash).HasMaxLength(64);
        b.Property(r => r.ContentJson).HasMaxLength(4_000_000);
    }
}
