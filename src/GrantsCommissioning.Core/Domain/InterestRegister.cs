namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// An assessor's register of interests: the organisations they are connected with, confirmed as complete once a year.
/// An assessor whose confirmation is older than a year (or who never confirmed) cannot be given new assignments.
/// </summary>
public class InterestRegister
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public List<DeclaredInterest> Interests { get; set; } = [];

    /// <summary>A confirmation lasts a year.</summary>
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(365);

    public DateTimeOffset? ExpiresAt => ConfirmedAt?.Add(ValidFor);

    public bool IsCurrentAt(DateTimeOffset now) => ExpiresAt is { } e && now < e;
}
