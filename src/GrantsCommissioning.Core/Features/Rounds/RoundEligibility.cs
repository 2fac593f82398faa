using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;

namespace GrantsCommissioning.Core.Features.Rounds;

/// <summary>
/// A round's eligibility rules about who may apply: the organisation types it is open to and the areas served (empty =
/// any). The one place they are read and checked, for an expression of interest, a full application and the officer's
/// lists alike.
/// </summary>
public static class RoundEligibility
{
    /// <summary>An organisation serving the whole police area serves each of its areas.</summary>
    public const string WholeArea = "West Mercia (all areas)";

    public static IReadOnlyList<OrganisationType> TypesOf(FundingRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.EligibleOrganisationTypes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<OrganisationType>).ToList();
    }

    public static IReadOnlyList<string> AreasOf(FundingRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.EligibleAreas.Split('|', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Why <paramref name="organisation"/> may not apply to <paramref name="round"/>: one sentence per rule it fails; empty when eligible.</summary>
    public static IReadOnlyList<string> Reasons(FundingRound round, string organisation, OrganisationType type, string? areaServed)
    {
        var reasons = new List<string>();
        var types = TypesOf(round);
        if (types.Count > 0 && !types.Contains(type))
        {
            reasons.Add($"The round is open only to these types of organisation: {string.Join("; ", types.Select(OrganisationTypes.Describe))}. "
                + $"{organisation} is registered as: {OrganisationTypes.Describe(type)}.");
        }
        var areas = AreasOf(round);
        var area = areaServed?.Trim() ?? "";
        if (areas.Count > 0 && !areas.Contains(WholeArea) && area != WholeArea && !areas.Contains(area, StringComparer.OrdinalIgnoreCase))
        {
            reasons.Add($"The round is open only to organisations serving {string.Join(" or ", areas)}. "
                + $"{organisation} serves {(area.Length == 0 ? "no area given in its profile" : area)}.");
        }
        return reasons;
    }

    /// <summary>The failure to give when <paramref name="organisation"/> may not apply, or null when it may.</summary>
    public static NotEligible? Check(FundingRound round, Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var reasons = Reasons(round, organisation.Name, organisation.Type, organisation.AreaServed);
        return reasons.Count == 0 ? null : new NotEligible(organisation.Name, round.Title, reasons);
    }
}
