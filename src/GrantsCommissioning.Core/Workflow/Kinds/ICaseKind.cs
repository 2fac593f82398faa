using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Workflow.Kinds;

/// <summary>
/// What the runtime knows of one kind of case, registered by the feature that owns it: its entity, its name as
/// people say it, how to load it, and the facts that guards, limits and emails read.
/// </summary>
public interface ICaseKind
{
    CaseKind Kind { get; }

    Type EntityType { get; }

    /// <summary>The kind as people say it: "Monitoring return".</summary>
    string Name { get; }

    /// <summary>The staff case page of a case of this kind.</summary>
    string PagePath(int id);

    IQueryable<WorkflowCaseBase> Cases(GrantsDbContext db);

    /// <summary>The case with this id, tracked by <paramref name="db"/>, or null.</summary>
    Task<WorkflowCaseBase?> FindAsync(GrantsDbContext db, int id, CancellationToken ct);

    Task<CaseFacts> FactsAsync(GrantsDbContext db, WorkflowCaseBase c, CancellationToken ct);

    /// <summary>The case as the audit row of a transition records it after the change.</summary>
    object AuditImage(WorkflowCaseBase c, Money? amount, string? comment);
}

/// <summary>
/// The facts about a case the runtime's checks and emails use. <paramref name="OfficerUserId"/> is the grants officer
/// named on the award the case belongs to (the "officer" recipient of a notification), when one is named.
/// <paramref name="SignificantPublicInterest"/>: the case is flagged of significant public interest, so its amount-limited
/// decisions are taken only at the level of the Scheme of Delegation that issues decision notices, with a notice.
/// </summary>
public sealed record CaseFacts(int? OrganisationId, bool IsSmallFund, Money? Amount, DateOnly? DueDate, string? OfficerUserId = null,
    bool SignificantPublicInterest = false);
