using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Transparency;

public enum QualityCheck
{
    FutureAwardDate,
    ZeroAmount,
    DuplicateIdentifier,
    MalformedCharityNumber,
    MalformedCompanyNumber,
    NoOrgId,
    LongTitle,
    NoObjective,
}

/// <summary>One thing wrong with one grant's 360Giving data. A blocking fault keeps the grant out of the 360Giving files until it is put right.</summary>
public sealed record QualityIssue(QualityCheck Check, string AwardReference, int AwardId, string Identifier, string Message, bool Blocking);

/// <summary>
/// The checks 360Giving's data quality tool makes that this data can fail: award dates in the future, zero amounts,
/// duplicate grant identifiers, malformed charity or company numbers (blocking), recipients with no charity or company
/// number (so only a local org-id), titles over 140 characters and grants with no plan objective (warnings).
/// </summary>
public static class GrantDataQuality
{
    public const int MaxTitle = 140;

    public static IReadOnlyList<QualityIssue> Check(IReadOnlyList<PublicGrant> grants, Func<string, string> grantId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(grantId);
        var issues = new List<QualityIssue>();
        var duplicates = grants.GroupBy(g => grantId(g.AwardReference), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .SelectMany(g => g).Select(g => g.AwardId).ToHashSet();
        foreach (var g in grants)
        {
            var id = grantId(g.AwardReference);
            void Add(QualityCheck check, string message, bool blocking) => issues.Add(new QualityIssue(check, g.AwardReference, g.AwardId, id, message, blocking));
            if (g.AwardedOn > today)
            {
                Add(QualityCheck.FutureAwardDate, $"The award date {g.AwardedOn:d MMMM yyyy} is in the future.", true);
            }
            if (g.Amount.Pence <= 0)
            {
                Add(QualityCheck.ZeroAmount, $"The amount awarded is {g.Amount}: a grant must be for more than £0.", true);
            }
            if (duplicates.Contains(g.AwardId))
            {
                Add(QualityCheck.DuplicateIdentifier, $"Another grant has the identifier {id}.", true);
            }
            if (g.CharityNumber is { } charity && !OrgIdentifiers.IsValidCharityNumber(charity))
            {
                Add(QualityCheck.MalformedCharityNumber, $"The charity number \"{charity}\" is not 6 or 7 digits, so its org-id GB-CHC-{charity} is malformed.", true);
            }
            if (g.CharityNumber is null && g.CompanyNumber is { } company && !OrgIdentifiers.IsValidCompanyNumber(company))
            {
                Add(QualityCheck.MalformedCompanyNumber, $"The company number \"{company}\" is not 8 characters, so its org-id is malformed.", true);
            }
            if (!g.RecipientWithheld && g.RecipientOrgId?.StartsWith(OrgIdentifiers.LocalPrefix, StringComparison.Ordinal) != false)
            {
                Add(QualityCheck.NoOrgId, $"{g.Recipient} has no charity or company number, so it is published with the local identifier {g.RecipientOrgId}, "
                    + "which other funders' data cannot be linked to. Add its number if it has one.", false);
            }
            if (g.Title.Length > MaxTitle)
            {
                Add(QualityCheck.LongTitle, $"The title is {g.Title.Length} characters; 360Giving asks for under {MaxTitle}.", false);
            }
            if (g.Objectives.Count == 0)
            {
                Add(QualityCheck.NoObjective, "The grant is linked to no Police and Crime Plan objective, so it has no classification.", false);
            }
        }
        return issues;
    }

    public static string Describe(QualityCheck check) => check switch
    {
        QualityCheck.FutureAwardDate => "Award date in the future",
        QualityCheck.ZeroAmount => "Zero amount",
        QualityCheck.DuplicateIdentifier => "Duplicate identifier",
        QualityCheck.MalformedCharityNumber => "Malformed charity number",
        QualityCheck.MalformedCompanyNumber => "Malformed company number",
        QualityCheck.NoOrgId => "No charity or company number",
        QualityCheck.LongTitle => "Title too long",
        _ => "No plan objective",
    };
}
