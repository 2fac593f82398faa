using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

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
