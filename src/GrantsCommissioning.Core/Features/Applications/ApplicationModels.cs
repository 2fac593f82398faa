using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Applications;

public enum SectionStatus
{
    NotStarted = 0,
    InProgress = 1,
    Completed = 2,
}

public sealed record SectionState(string Key, string Title, SectionStatus Status, IReadOnlyDictionary<string, string> Errors);

public sealed record ObjectiveOption(int Id, int Number, string Title, int SharePercent)
{
    public string Heading => $"Objective {Number} – {Title}";
}

public sealed record PriorityOption(int Id, string Title, bool Selected);

public sealed record BudgetLineView(string Description, string Category, Money Amount);

public sealed record IndicatorView(string Name, string Unit, double Target, int? ObjectiveId);

/// <summary>A draft or submitted application as its organisation's members see it.</summary>
public sealed record ApplicationView(
    int Id, string Reference, string State, int OrganisationId, string OrganisationName,
    string RoundReference, string RoundTitle, bool ShortForm, Money MinAward, Money MaxAward,
    DateTimeOffset ClosesAt, DateTimeOffset Deadline, bool DeadlineExtended, bool IsOpen,
    string ProjectTitle, string? Summary, Money AmountRequested, DateOnly? ProjectStart, DateOnly? ProjectEnd,
    string? Beneficiaries, int? BeneficiaryCount, string? AreaServed, bool DeclarationsAccepted,
    DateTimeOffset UpdatedAt, DateTimeOffset? SubmittedAt,
    IReadOnlyList<BudgetLineView> BudgetLines, IReadOnlyList<ObjectiveOption> Objectives, IReadOnlyList<PriorityOption> Priorities,
    IReadOnlyList<IndicatorView> Indicators, IReadOnlyList<SectionState> Sections)
{
    public bool IsDraft => State == Workflow.ApplicationStates.Draft;

    public bool IsComplete => Sections.All(s => s.Status == SectionStatus.Completed);

    public string DisplayTitle => string.IsNullOrWhiteSpace(ProjectTitle) ? "Untitled application" : ProjectTitle;

    public SectionState Section(string key) => Sections.First(s => s.Key == key);
}

public sealed record Receipt(int ApplicationId, string Reference, string ProjectTitle, string OrganisationName, string RoundTitle,
    Money AmountRequested, DateTimeOffset SubmittedAt);

public sealed record StartOrganisation(int Id, string Name, int? ExistingDraftId);

public sealed record StartOptions(string RoundReference, string RoundTitle, bool ShortForm, Money MaxAward, DateTimeOffset ClosesAt, bool IsOpen,
    string? ClosedMessage, IReadOnlyList<StartOrganisation> Organisations);

public static class ApplicationSections
{
    public const string Project = "project";
    public const string Budget = "budget";
    public const string Outcomes = "outcomes";
    public const string Beneficiaries = "beneficiaries";
    public const string Declarations = "declarations";

    public static IReadOnlyList<(string Key, string Title)> For(bool shortForm) => shortForm
        ? [(Project, "About your project and the amount"), (Outcomes, "Plan objective"), (Declarations, "Declarations")]
        : [(Project, "About your project"), (Budget, "Budget"), (Outcomes, "Outcomes, indicators and plan objectives"),
            (Beneficiaries, "Who benefits and where"), (Declarations, "Declarations")];
}

public static class Deadlines
{
    /// <summary>The round's closing instant, or this applicant's later extension.</summary>
    public static DateTimeOffset For(DateTimeOffset closesAt, DateTimeOffset? extendedTo) =>
        extendedTo is { } e && e > closesAt ? e : closesAt;

    public static string ClosedMessage(DateTimeOffset deadline, bool extended) => extended
        ? $"Your extended deadline passed at {UkTime.Describe(deadline)}. Applications can no longer be submitted; contact the grants team if you need help."
        : $"This round closed at {UkTime.Describe(deadline)}. Applications can no longer be submitted; if something stopped you applying in time, contact the grants team.";
}
