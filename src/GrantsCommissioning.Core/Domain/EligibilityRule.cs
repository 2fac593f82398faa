namespace GrantsCommissioning.Core.Domain;

public class EligibilityRule
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public int Order { get; set; }
    /// <summary>A yes/no question; the applicant is eligible only if every answer matches <see cref="RequiredAnswer"/>.</summary>
    public required string Question { get; set; }
    public bool RequiredAnswer { get; set; } = true;
    public required string FailureMessage { get; set; }
}
