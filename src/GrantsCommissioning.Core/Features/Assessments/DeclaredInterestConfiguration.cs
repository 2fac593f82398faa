using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Assessments;

internal sealed class DeclaredInterestConfiguration : IEntityTypeConfiguration<DeclaredInterest>
{
    public void Configure(EntityTypeBuilder<DeclaredInterest> b)
    {
        b.ToTable("DeclaredInterests");
        b.Property(i => i.OrganisationName).HasMaxLength(200);
        b.Property(i => i.CharityNumber).HasMaxLength(20);
        b.Property(i => i.CompanyNumber).HasMaxLength(20);
        b.Property(i => i.Role).HasMaxLength(200);
    }
}
