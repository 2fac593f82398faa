namespace GrantsCommissioning.Core.Features.Transparency;

/// <summary>The public registers as downloadable tables (the same rows, already redacted, the pages show).</summary>
public static class RegisterTables
{
    public static Table Grants(IEnumerable<PublicGrant> grants) => new("grants",
        ["Reference", "Recipient", "Recipient org-id", "Amount (GBP)", "Award date", "Start date", "End date", "Title", "Purpose", "Conditions", "Plan objectives", "Fund"],
        grants.Select(g => (IReadOnlyList<object?>)
        [
            g.AwardReference, g.Recipient, g.RecipientOrgId, g.Amount.Pounds, g.AwardedOn, g.StartDate, g.EndDate, g.Title, g.Purpose,
            string.Join(" | ", g.Conditions), string.Join(" | ", g.Objectives.Select(o => $"{o.Heading} ({o.SharePercent}%)")), g.FundName,
        ]).ToList());

    public static Table Payments(IEnumerable<PublicPayment> payments) => new("spending",
        ["Payment reference", "Date paid", "Recipient", "Amount (GBP)", "Grant reference", "Grant", "Fund"],
        payments.Select(p => (IReadOnlyList<object?>)[p.PaymentReference, p.PaidOn, p.Recipient, p.Amount.Pounds, p.AwardReference, p.GrantTitle, p.FundName]).ToList());
}
