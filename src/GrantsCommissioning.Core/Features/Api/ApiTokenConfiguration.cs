using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Features.Api;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("ApiTokens");
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.SecretHash).HasMaxLength(64);
        b.Property(t => t.Scopes).HasMaxLength(200);
        b.Property(t => t.CreatedByName).HasMaxLength(200);
        b.Property(t => t.RevokedByName).HasMaxLength(200);
        b.HasIndex(t => t.Prefix).IsUnique();
        b.Ignore(t => t.ScopeList);
    }
}
