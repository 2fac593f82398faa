using System.Text.RegularExpressions;

namespace GrantsCommissioning.Core.Domain;

public enum OrganisationType
{
    RegisteredCharity = 1,
    CharitableIncorporatedOrganisation = 2,
    CommunityInterestCompany = 3,
    CompanyLimitedByGuarantee = 4,
    CommunityGroup = 5,
    ParishOrTownCouncil = 6,
    CommunitySafetyPartnership = 7,
    StatutoryPartner = 8,
}

public enum OrganisationRole
{
    Owner = 1,
    Editor = 2,
}

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

public static partial class OrgIdentifiers
{
    public const string LocalPrefix = "GB-OPCCWM-ORG-";

    public static string For(string? charityNumber, string? companyNumber, int localId)
    {
        if (!string.IsNullOrWhiteSpace(charityNumber))
        {
            return "GB-CHC-" + charityNumber.Trim();
        }
        if (!string.IsNullOrWhiteSpace(companyNumber))
        {
            return "GB-COH-" + NormaliseCompanyNumber(companyNumber);
        }
        return LocalPrefix + localId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Charity Commission numbers for England and Wales are 6 or 7 digits.</summary>
    public static bool IsValidCharityNumber(string? value) =>
        value is not null && CharityNumberPattern().IsMatch(value.Trim());

    /// <summary>Companies House numbers are 8 characters: digits, or a two-letter prefix (SC, NI, OC, …) and six digits.</summary>
    public static bool IsValidCompanyNumber(string? value) =>
        value is not null && CompanyNumberPattern().IsMatch(NormaliseCompanyNumber(value));

    public static string NormaliseCompanyNumber(string value)
    {
        var v = value.Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        return v.All(char.IsDigit) && v.Length < 8 ? v.PadLeft(8, '0') : v;
    }

    [GeneratedRegex("^[0-9]{6,7}$")]
    private static partial Regex CharityNumberPattern();

    [GeneratedRegex("^([0-9]{8}|[A-Z]{2}[0-9]{6})$")]
    private static partial Regex CompanyNumberPattern();
}
