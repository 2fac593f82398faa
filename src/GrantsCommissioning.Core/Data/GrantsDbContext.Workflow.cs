using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Data;

public partial class GrantsDbContext
{
    public DbSet<WorkflowTimer> WorkflowTimers => Set<WorkflowTimer>();
}
