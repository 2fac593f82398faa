using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Assessments;

internal sealed class InterestRegisterConfiguration : IEntityTypeConfiguration<InterestRegister>
{
    public void Configure(EntityTypeBuilder<InterestRegister> b)
    {
        b.ToTable("InterestRegisters");
        b.Property(r => r.UserId).HasMaxLength(450);
        b.Property(r => r.UserName).HasMaxLength(200);
        b.HasIndex(r => r.UserId).IsUnique();
        b.HasMany(r => r.Interests).WithOne().HasForeignKey(i => i.RegisterId).OnDelete(DeleteBehavior.Cascade);
    }
}
