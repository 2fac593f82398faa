using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>The automatic conflict flag: an entry in the register names the applicant by name, charity number or company number.</summary>
public static class InterestMatcher
{
    public static DeclaredInterest? Match(IEnumerable<DeclaredInterest> interests, Organisation applicant)
    {
        ArgumentNullException.ThrowIfNull(interests);
        ArgumentNullException.ThrowIfNull(applicant);
        return interests.FirstOrDefault(i =>
            Same(i.OrganisationName, applicant.Name)
            || (!string.IsNullOrWhiteSpace(i.CharityNumber) && Same(i.CharityNumber, applicant.CharityNumber))
            || (!string.IsNullOrWhiteSpace(i.CompanyNumber) && !string.IsNullOrWhiteSpace(applicant.CompanyNumber)
                && OrgIdentifiers.NormaliseCompanyNumber(i.CompanyNumber) == OrgIdentifiers.NormaliseCompanyNumber(applicant.CompanyNumber)));
    }

    private static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(Normal(a), Normal(b), StringComparison.OrdinalIgnoreCase);

    private static string Normal(string s) => string.Join(' ', s.Replace("’", "'", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
