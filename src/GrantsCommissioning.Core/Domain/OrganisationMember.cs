using System.Text.RegularExpressions;

namespace GrantsCommissioning.Core.Domain;

public class OrganisationMember
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public string? UserId { get; set; }
    public required string Email { get; set; }
    public OrganisationRole Role { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}
