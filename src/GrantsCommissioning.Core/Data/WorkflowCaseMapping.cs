using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GrantsCommissioning.Core.Data;

internal static class WorkflowCaseMapping
{
    public static void MapCase<T>(this EntityTypeBuilder<T> b) where T : WorkflowCaseBase
    {
        b.Property(c => c.State).HasMaxLength(64);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasIndex(c => c.State);
    }
}
