using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.TwoStage;

/// <summary>An organisation the applicant may send an expression of interest for, and the one it already sent, if any.</summary>
public sealed record InterestOrganisation(int Id, string Name, string? SentReference, string? SentStatus)
{
    /// <summary>Why the organisation may not apply to the round (its eligibility rules); empty when it may.</summary>
    public IReadOnlyList<string> NotEligible { get; init; } = [];

    public bool IsEligible => NotEligible.Count == 0;
}

/// <summary>The expression of interest form for a two-stage round; <see cref="ClosedMessage"/> says why none can be sent now.</summary>
public sealed record InterestForm(
    string RoundReference, string RoundTitle, Money MinAward, Money MaxAward, DateTimeOffset InterestClosesAt, DateTimeOffset ClosesAt,
    string? ClosedMessage, IReadOnlyList<InterestOrganisation> Organisations)
{
    public bool IsOpen => ClosedMessage is null;
}

public enum InterestStatus
{
    Waiting,
    Invited,
    Declined,
    Withdrawn,
}

/// <summary>One expression of interest on the officer's list, with what became of it.</summary>
public sealed record InterestItem(
    int Id, string Reference, string Organisation, string ProjectTitle, string Summary, Money Amount, DateTimeOffset SentAt, InterestStatus Status,
    string StateLabel, string? DeclineReason, int Version)
{
    /// <summary>Why the organisation fails the round's eligibility rules as its profile stands now; empty when it meets them.</summary>
    public IReadOnlyList<string> NotEligible { get; init; } = [];
}

/// <summary>A two-stage round's expressions of interest, for its grants officers.</summary>
public sealed record RoundInterests(
    int RoundId, string RoundReference, string RoundTitle, DateTimeOffset InterestClosesAt, DateTimeOffset ClosesAt, bool CanInvite,
    IReadOnlyList<InterestItem> Items)
{
    public int Count(InterestStatus status) => Items.Count(i => i.Status == status);
}

public static class InterestStatuses
{
    public static string Describe(InterestStatus status) => status switch
    {
        InterestStatus.Waiting => "Waiting for a decision",
        InterestStatus.Invited => "Invited to apply",
        InterestStatus.Declined => "Not invited",
        InterestStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };
}
