using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Transparency;

/// <summary>A plan objective a grant serves, with the share of the grant apportioned to it.</summary>
public sealed record PublicObjective(string PlanCode, int PlanVersion, int Number, string Title, int SharePercent)
{
    public string Heading => $"Objective {Number} – {Title}";

    /// <summary>The classification code in the 360Giving data: plan code, version and objective number.</summary>
    public string Code => $"{PlanCode}-v{PlanVersion}-{Number}";
}

/// <summary>Where a recipient works, with its ONS code where it is one of the police area's local authorities.</summary>
public sealed record PublicLocation(string Name, string? GeoCode, string? GeoCodeType);

/// <summary>
/// A grant as every public page and file shows it. It is built only by <see cref="PublicRegisters"/>, which has
/// already withheld a sensitive recipient's name, identifiers and location and scrubbed its name from the text, so no
/// public output can show what this record does not hold.
/// </summary>
public sealed record PublicGrant(
    int AwardId, string AwardReference, string Recipient, bool RecipientWithheld, string? RecipientOrgId, string? CharityNumber, string? CompanyNumber,
    string? RecipientTown, PublicLocation? Location, string Title, string Purpose, IReadOnlyList<string> Conditions, Money Amount, Money Paid,
    DateOnly AwardedOn, DateOnly StartDate, DateOnly EndDate, string FundCode, string FundName, bool FromOpenCall,
    IReadOnlyList<PublicObjective> Objectives, DateTimeOffset Modified)
{
    public FinancialYear Year => FinancialYear.Containing(AwardedOn);
}

/// <summary>A payment of more than £500 as the spending register shows it, redacted as <see cref="PublicGrant"/> is.</summary>
public sealed record PublicPayment(string PaymentReference, DateOnly PaidOn, string Recipient, bool RecipientWithheld, string AwardReference,
    string GrantTitle, string FundName, Money Amount)
{
    public FinancialYear Year => FinancialYear.Containing(PaidOn);
}

public sealed record RegisterFilter(FinancialYear? Year = null, string? Fund = null, int? Objective = null, string? Search = null);

public sealed record RegisterChoices(IReadOnlyList<FinancialYear> Years, IReadOnlyList<(string Code, string Name)> Funds, IReadOnlyList<(int Number, string Title)> Objectives);

/// <summary>One page of a public register: its rows, how many match in all and their total.</summary>
public sealed record RegisterPage<T>(IReadOnlyList<T> Rows, int Total, Money TotalAmount, int Page, int Pages, RegisterChoices Choices);

/// <summary>The grants counted against one plan objective in one financial year: how many, and their amounts apportioned by the objective's share.</summary>
public sealed record ObjectiveYearTotal(string PlanCode, int Number, string Heading, FinancialYear Year, int Grants, Money Amount);

/// <summary>The grants whose recipients serve one area: the area's ONS code where it has one, how many grants and their amount.</summary>
public sealed record AreaTotal(string Area, string? GeoCode, int Grants, Money Amount);
