using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Data;

/// <summary>What <see cref="WriteLocks"/> keeps on a context between a transaction's start and its audit appends.</summary>
public partial class GrantsDbContext
{
    /// <summary>Set just before a transition's transaction begins; the lock interceptor takes and clears it.</summary>
    internal CaseRef? CaseLockRequested { get; set; }

    /// <summary>EF's id of the transaction that took only its case's lock (with the write lock shared).</summary>
    internal Guid? CaseLockedTransaction { get; set; }
}
