namespace GrantsCommissioning.Core.Domain;

/// <summary>One entry in an assessor's register of interests: an organisation and the assessor's role in it.</summary>
public class DeclaredInterest
{
    public int Id { get; set; }
    public int RegisterId { get; set; }
    public required string OrganisationName { get; set; }
    public string? CharityNumber { get; set; }
    public string? CompanyNumber { get; set; }
    public required string Role { get; set; }
    public DateTimeOffset DeclaredAt { get; set; }
}
