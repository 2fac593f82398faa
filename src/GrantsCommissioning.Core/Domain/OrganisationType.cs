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
