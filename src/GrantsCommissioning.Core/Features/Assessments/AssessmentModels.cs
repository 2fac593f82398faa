using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>Where an assessor's assignment stands, as the inbox and the officer's list say it.</summary>
public enum AssignmentState
{
    AwaitingAnswer,
    ToScore,
    Scored,
    Recused,
    Returned,
}

public static class AssignmentStates
{
    public static AssignmentState Of(Assessment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.ReturnedAt is not null ? AssignmentState.Returned
            : a.HasConflict == true ? AssignmentState.Recused
            : a.CompletedAt is not null ? AssignmentState.Scored
            : a.HasConflict == false ? AssignmentState.ToScore
            : AssignmentState.AwaitingAnswer;
    }

    public static string Describe(AssignmentState state) => state switch
    {
        AssignmentState.AwaitingAnswer => "Awaiting answer",
        AssignmentState.ToScore => "To score",
        AssignmentState.Scored => "Scored",
        AssignmentState.Recused => "Recused: conflict",
        _ => "Returned",
    };
}

/// <summary>An assessor in the pool, with their open workload and whether they can take new assignments.</summary>
public sealed record AssessorLoad(string UserId, string Name, int Open, int Overdue, DateTimeOffset? RegisterExpires, bool RegisterCurrent);

public sealed record AssignmentLine(int AssessmentId, string Assessor, AssignmentState State, DateOnly? Due, decimal? Total, string? Note);

public sealed record RoundApplicationLine(
    int ApplicationId, string Reference, string Title, string Organisation, string StateLabel, Money Requested, bool Assignable, int Active,
    IReadOnlyList<AssignmentLine> Assignments, bool NeedsModeration);

public sealed record RoundAssignmentView(
    int RoundId, string Reference, string Title, int AssessorsPerApplication, int Threshold, IReadOnlyList<RoundApplicationLine> Applications,
    int TotalApplications, int NeedingAssessors, IReadOnlyList<AssessorLoad> Assessors);

public enum RoundApplicationSort
{
    Reference,
    Organisation,
    State,
}

/// <summary>The officer's form: the ticked applications, the assessor and the due date (UK, yyyy-MM-dd).</summary>
public sealed class AssignInput
{
    public List<int> ApplicationIds { get; set; } = [];
    public string? AssessorUserId { get; set; }
    public string? DueDate { get; set; }
}

public sealed record InboxItem(int AssessmentId, string Reference, string Title, string Organisation, DateOnly? Due, bool Overdue, AssignmentState State, bool Flagged);

public sealed record AssessorInbox(IReadOnlyList<InboxItem> Items, DateTimeOffset? RegisterExpires, bool RegisterCurrent);

public sealed record CriterionLine(int Id, string Title, string Guidance, int Weight, int MaxScore, int? Score, string? Justification);

/// <summary>One assignment as its assessor sees it: the case's identity before they answer, the criteria once they may score.</summary>
public sealed record AssignmentView(
    int AssessmentId, int ApplicationId, string Reference, string Title, string Organisation, string Round, DateOnly? Due, AssignmentState State,
    string? FlaggedInterest, bool CaseInAssessment, IReadOnlyList<CriterionLine> Criteria, Recommendation Recommendation, string? Comments, decimal? Total);

/// <summary>The assessor's answer: "accept" (no conflict), "conflict" (with details) or "return" (with a reason).</summary>
public sealed class ResponseInput
{
    public string? Answer { get; set; }
    public string? Details { get; set; }
}

/// <summary>One criterion of one completed assessment in a round: who scored which application, and the score out of the criterion's maximum.</summary>
public sealed record RoundScoreLine(string Application, string Organisation, string Assessor, DateOnly Completed, int CriterionNumber, string Criterion, int WeightPercent,
    int? Score, int MaxScore, Recommendation Recommendation);

public sealed record ModerationAssessor(string Assessor, decimal? Total, Recommendation Recommendation, string? Comments, IReadOnlyList<CriterionLine> Scores);

public sealed record ModerationView(
    int ApplicationId, string Reference, string Title, string Organisation, int RoundId, string Round, int Threshold, decimal Spread, bool NeedsModeration,
    IReadOnlyList<ModerationAssessor> Assessors, int? ModeratedScore, string? ModerationReason, string? ModeratedBy, DateTimeOffset? ModeratedAt);

public sealed class ModerationInput
{
    public string? Score { get; set; }
    public string? Reason { get; set; }
}

public sealed record RankedApplication(
    int Rank, int ApplicationId, string Reference, string Organisation, string Title, string StateLabel, Money Requested, decimal? Score, bool Moderated,
    bool NeedsModeration, int Completed, int Needed, Money? Cumulative, bool AboveFundingLine, FundingLineMoveLine? Move = null)
{
    /// <summary>Whether the application is recommended for funding: within the budget by its rank, unless an officer moved it across the line.</summary>
    public bool Funded => Score is not null && (Move?.IntoFunding ?? !AboveFundingLine);
}

/// <summary>An officer's move of an application across the funding line, with the reason, shown on the ranking.</summary>
public sealed record FundingLineMoveLine(bool IntoFunding, string Reason, string MovedBy, DateTimeOffset MovedAt);

public sealed record RankingView(int RoundId, string Reference, string Title, Money? Budget, IReadOnlyList<RankedApplication> Rows, Money TotalWithinBudget, int Unscored);

public sealed record InterestLine(int Id, string Organisation, string? CharityNumber, string? CompanyNumber, string Role, DateTimeOffset DeclaredAt);

public sealed record InterestRegisterView(IReadOnlyList<InterestLine> Interests, DateTimeOffset? ConfirmedAt, DateTimeOffset? ExpiresAt, bool Current);

public sealed class InterestInput
{
    public string? Organisation { get; set; }
    public string? CharityNumber { get; set; }
    public string? CompanyNumber { get; set; }
    public string? Role { get; set; }
}

/// <summary>How the round's assessment table is ordered: by application reference, organisation, or score (highest first).</summary>
public enum RoundScoreSort
{
    Reference,
    Organisation,
    Score,
}

/// <summary>A criterion of the round, as a column of its assessment table.</summary>
public sealed record RoundScoreCriterion(int Number, string Title, int WeightPercent, int MaxScore);

/// <summary>One completed assessment: the assessor's score on each criterion (in the round's criterion order), weighted total and recommendation.</summary>
public sealed record RoundScoreAssessor(string Assessor, DateOnly Completed, IReadOnlyList<int?> Scores, decimal? Total, Recommendation Recommendation);

/// <summary>An application's row: every completed assessment, the assessors' average, the moderated score if any, and the score it is ranked by.</summary>
public sealed record RoundScoreApplication(int ApplicationId, string Reference, string Organisation, IReadOnlyList<RoundScoreAssessor> Assessors,
    decimal? Average, int? Moderated, decimal? RankingScore);

/// <summary>A page of the round's assessment table (scores only: nothing from the application form, so no equality monitoring answers).</summary>
public sealed record RoundScoreTable(int RoundId, string Reference, string Title, IReadOnlyList<RoundScoreCriterion> Criteria, IReadOnlyList<RoundScoreApplication> Rows,
    int Total, int Assessments, RoundScoreSort Sort, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
