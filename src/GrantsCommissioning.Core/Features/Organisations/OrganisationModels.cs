using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Organisations;

/// <summary>What an applicant may change on the profile; bound from the form, never an entity.</summary>
public sealed class OrganisationInput
{
    public string? Name { get; set; }
    public string? Type { get; set; }
    public string? CharityNumber { get; set; }
    public string? CompanyNumber { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? Town { get; set; }
    public string? Postcode { get; set; }
    public string? AreaServed { get; set; }
}

public sealed class BankDetailsInput
{
    public string? AccountName { get; set; }
    public string? SortCode { get; set; }
    public string? AccountNumber { get; set; }
}

public sealed class InviteInput
{
    public string? Email { get; set; }
    public string? Role { get; set; }
}

public sealed record MemberView(int Id, string Email, OrganisationRole Role, bool Accepted);

/// <summary>The profile as its members see it: the account number only ever masked.</summary>
public sealed record OrganisationView(
    int Id, string Name, OrganisationType Type, string? CharityNumber, string? CompanyNumber, string OrgId,
    string AddressLine1, string? AddressLine2, string Town, string Postcode, string AreaServed,
    string? BankAccountName, string? BankSortCode, string? MaskedAccountNumber,
    OrganisationRole MyRole, IReadOnlyList<MemberView> Members)
{
    public bool IsOwner => MyRole == OrganisationRole.Owner;

    public OrganisationInput ToInput() => new()
    {
        Name = Name, Type = Type.ToString(), CharityNumber = CharityNumber, CompanyNumber = CompanyNumber, AddressLine1 = AddressLine1,
        AddressLine2 = AddressLine2, Town = Town, Postcode = Postcode, AreaServed = AreaServed,
    };
}

public sealed record MembershipView(int OrganisationId, string Name, OrganisationRole Role);

public static class OrganisationTypes
{
    public static string Describe(OrganisationType type) => type switch
    {
        OrganisationType.RegisteredCharity => "Registered charity",
        OrganisationType.CharitableIncorporatedOrganisation => "Charitable incorporated organisation (CIO)",
        OrganisationType.CommunityInterestCompany => "Community interest company (CIC)",
        OrganisationType.CompanyLimitedByGuarantee => "Company limited by guarantee",
        OrganisationType.CommunityGroup => "Constituted community group",
        OrganisationType.ParishOrTownCouncil => "Parish or town council",
        OrganisationType.CommunitySafetyPartnership => "Community Safety Partnership",
        OrganisationType.StatutoryPartner => "Statutory partner",
    };

    /// <summary>The areas of West Mercia an organisation may serve (the local authorities of the police area).</summary>
    public static readonly IReadOnlyList<string> Areas = ["Herefordshire", "Shropshire", "Telford and Wrekin", "Worcestershire", "West Mercia (all areas)"];
}
