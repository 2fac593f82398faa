namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// A recipient whose identity must not be published (a refuge, an individual): every public page and file shows its
/// grants and payments with the recipient, its identifiers and location withheld.
/// </summary>
public class SensitiveRecipient
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string Reason { get; set; }
    public required string MarkedByName { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
}
