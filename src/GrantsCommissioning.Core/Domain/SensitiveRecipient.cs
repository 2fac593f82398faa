namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// A recipient marked sensitive. With <see cref="SensitiveScope.Recipient"/> its identity must not be published (an
/// individual, a refuge whose name gives it away): every public page and file shows its grants and payments with the
/// recipient, its identifiers and location withheld. With <see cref="SensitiveScope.Location"/> only where it is must not
/// be published (a refuge run by a named charity): its name and grants stay public, its town and area are withheld.
/// </summary>
public class SensitiveRecipient
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public required string Reason { get; set; }
    public required string MarkedByName { get; set; }
    public DateTimeOffset MarkedAt { get; set; }
    public SensitiveScope Scope { get; set; } = SensitiveScope.Recipient;
}

/// <summary>What a sensitive mark withholds from the public outputs.</summary>
public enum SensitiveScope
{
    /// <summary>The recipient's name, identifiers and location.</summary>
    Recipient = 0,

    /// <summary>Only the recipient's location (town, postcode, area and location codes).</summary>
    Location = 1,
}
