using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Api;

/// <summary>The administrator's form for a new token.</summary>
public sealed class ApiTokenInput
{
    public string? Name { get; set; }
    public List<string> Scopes { get; set; } = [];
    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>A token as the administrator's list shows it (never its secret or hash).</summary>
public sealed record ApiTokenRow(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateOnly ExpiresOn, DateTimeOffset CreatedAt,
    string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy, bool IsDemo, string Status);

public sealed record ApiTokenPage(IReadOnlyList<ApiTokenRow> Rows, int Total);

/// <summary>A token just created: the whole secret, shown to the administrator this once.</summary>
public sealed record IssuedApiToken(int Id, string Name, string Token, DateOnly ExpiresOn);

public enum ApiTokenStatus
{
    /// <summary>No bearer token was given.</summary>
    Missing,

    /// <summary>The token is malformed or matches no token.</summary>
    Unknown,
    Expired,
    Revoked,

    /// <summary>A good token without the scope the route needs.</summary>
    ScopeMissing,
    Accepted,
}

/// <summary>Who is calling the API with a token: the token and the actor its uses are audited as.</summary>
public sealed record ApiCaller(int TokenId, string Name, IReadOnlyList<string> Scopes, Actor Actor);

public sealed record ApiTokenCheck(ApiTokenStatus Status, ApiCaller? Caller);

/// <summary>A list request: the page (from 1), its size (up to <see cref="ApiListQuery.MaxPageSize"/>), and an optional round or fund.</summary>
public sealed record ApiListQuery(int? Page, int? PageSize, string? Round = null, string? Fund = null)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public int PageNumber => Page ?? 1;
    public int Size => PageSize ?? DefaultPageSize;
    public int Skip => (PageNumber - 1) * Size;
}

/// <summary>One page of a list: its items, which page, its size and how many there are in all.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record ApiRound(string Reference, string Title, string Fund, string Purpose, decimal MaxAward, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    bool ShortForm, IReadOnlyList<int> Objectives);

public sealed record ApiRecipient(string Id, string Name, bool Withheld, string? CharityNumber, string? CompanyNumber, string? City);

public sealed record ApiClassification(string Code, string Title, int SharePercent);

/// <summary>A published grant: the fields of its 360Giving record, redacted as that file is.</summary>
public sealed record ApiGrant(string Id, string AwardReference, string Title, string Description, decimal AmountAwarded, decimal AmountDisbursed,
    DateOnly AwardDate, DateOnly StartDate, DateOnly EndDate, ApiRecipient Recipient, string FundCode, string FundName, bool FromOpenCall,
    string? BeneficiaryLocation, IReadOnlyList<ApiClassification> Classifications, DateTimeOffset DateModified);

public sealed record ApiAward(string Reference, string Title, string Organisation, string FundCode, string? RoundReference, decimal Amount,
    DateOnly AwardedOn, DateOnly StartDate, DateOnly EndDate, string State);

public sealed record ApiPayment(string Reference, string AwardReference, string FundCode, string? RoundReference, string Kind, int Instalment,
    DateOnly DueDate, decimal Amount, string State, DateOnly? PaidOn, string? FinanceReference);

public sealed record ApiReturn(string Reference, string AwardReference, string FundCode, string? RoundReference, DateOnly PeriodStart, DateOnly PeriodEnd,
    DateOnly DueDate, string State, DateTimeOffset? SubmittedAt, DateTimeOffset? AcceptedAt);

/// <summary>The outcome of a payment-status import: rows read, payments recorded as paid, rows left to reconcile.</summary>
public sealed record ApiImportOutcome(int Rows, int Paid, int Mismatches);
