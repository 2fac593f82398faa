using System.Text.RegularExpressions;

namespace GrantsCommissioning.Core.Domain;

public partial class Organisation
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public OrganisationType Type { get; set; }
    public string? CharityNumber { get; set; }
    public string? CompanyNumber { get; set; }
    public required string AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public required string Town { get; set; }
    public required string Postcode { get; set; }
    public required string AreaServed { get; set; }
    public string? BankAccountName { get; set; }
    public string? BankSortCode { get; set; }
    public string? BankAccountNumber { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<OrganisationMember> Members { get; set; } = [];

    /// <summary>The 360Giving org-id: the charity number where there is one, then the company number, else a local id.</summary>
    public string OrgId => OrgIdentifiers.For(CharityNumber, CompanyNumber, Id);

    public string? MaskedAccountNumber =>
        BankAccountNumber is { Length: >= 4 } n ? new string('•', n.Length - 4) + n[^4..] : null;

    /// <summary>The last two digits, as the account number shows its last four: enough to tell accounts apart in the audit log.</summary>
    public string? MaskedSortCode => BankSortCode is { Length: >= 2 } s ? "••-••-" + s[^2..] : null;
}
