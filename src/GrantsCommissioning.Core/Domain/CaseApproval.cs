namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// One approval under the Scheme of Delegation on an application (the Chief Executive's, the Chief Finance Officer's),
/// as the workflow definition's <c>approvals</c> ask for it. Sending the case back voids it: the row stays, with when,
/// by whom and why, and a new approval is needed.
/// </summary>
public class CaseApproval
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public GrantApplication? Application { get; set; }
    /// <summary>The post whose approval this is, as the definition names it: "Chief Executive".</summary>
    public required string Post { get; set; }
    /// <summary>The amount approved (the amount requested when the approval was given); a larger decision needs a new approval.</summary>
    public long AmountPence { get; set; }
    public string? Comment { get; set; }
    public required string ApprovedByUserId { get; set; }
    public required string ApprovedByName { get; set; }
    /// <summary>Set when a deputy gave the approval in the post holder's place.</summary>
    public string? DeputyForUserId { get; set; }
    public string? DeputyForName { get; set; }
    public DateTimeOffset ApprovedAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidedByName { get; set; }
    public string? VoidedReason { get; set; }

    public Money Amount => new(AmountPence);
}
