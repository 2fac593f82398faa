namespace GrantsCommissioning.Core.Features.Payments;

/// <summary>
/// A grantee's change of bank details, flagged to Finance: until a finance user other than the one who made the change
/// verifies it (by calling the organisation on a number already held), no payment to the organisation is authorised,
/// paid or put in a run. Only masked numbers are kept here.
/// </summary>
public class BankDetailsChange
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public required string ChangedByUserId { get; set; }
    public required string ChangedByName { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    /// <summary>"••••5678, ••-••-62" before the change, or null for the first details given.</summary>
    public string? Before { get; set; }
    public required string After { get; set; }
    public string? VerifiedByUserId { get; set; }
    public string? VerifiedByName { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? VerificationNote { get; set; }

    public bool IsVerified => VerifiedAt is not null;
}
