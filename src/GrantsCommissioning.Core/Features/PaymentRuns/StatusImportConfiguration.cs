using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

internal sealed class StatusImportConfiguration : IEntityTypeConfiguration<StatusImport>
{
    public void Configure(EntityTypeBuilder<StatusImport> b)
    {
        b.ToTable("PaymentStatusImports");
        b.Property(i => i.FileName).HasMaxLength(200);
        b.Property(i => i.Sha256).HasMaxLength(64);
        b.Property(i => i.ImportedByName).HasMaxLength(200);
        b.HasIndex(i => i.Sha256).IsUnique();
        b.HasMany(i => i.Mismatches).WithOne().HasForeignKey(m => m.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}
