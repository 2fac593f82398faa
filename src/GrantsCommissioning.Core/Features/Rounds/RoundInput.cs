namespace GrantsCommissioning.Core.Features.Rounds;

/// <summary>A funding round as the officer's set-up form posts it: text, never an entity; <see cref="RoundRules"/> parses and checks it.</summary>
public sealed class RoundInput
{
    /// <summary>Rows the form offers for criteria; blank rows are ignored.</summary>
    public const int CriterionRows = 6;

    public string? Fund { get; set; }
    public string? Reference { get; set; }
    public string? Title { get; set; }
    public string? Purpose { get; set; }
    public string? WhoCanApply { get; set; }
    /// <summary>UK local date (yyyy-MM-dd) and time (HH:mm) the round opens and closes.</summary>
    public string? OpensDate { get; set; }
    public string? OpensTime { get; set; } = "09:00";
    public string? ClosesDate { get; set; }
    public string? ClosesTime { get; set; } = "12:00";
    /// <summary>"yes" for a two-stage round: an expression of interest first, then a full application by invitation.</summary>
    public string? TwoStage { get; set; }
    /// <summary>Two-stage rounds: UK local date and time expressions of interest close (after opening, before the full application closes).</summary>
    public string? InterestClosesDate { get; set; }
    public string? InterestClosesTime { get; set; } = "12:00";
    public string? MinAward { get; set; }
    public string? MaxAward { get; set; }
    public string? Budget { get; set; }
    /// <summary>"short" or "standard".</summary>
    public string? Form { get; set; }
    public List<string> OrganisationTypes { get; set; } = [];
    public List<string> Areas { get; set; } = [];
    /// <summary>The numbers of the Police and Crime Plan objectives the round serves (applicants link their projects to these).</summary>
    public List<string> Objectives { get; set; } = [];
    /// <summary>Yes/no eligibility questions, one a line; the applicant must answer yes to each.</summary>
    public string? EligibilityQuestions { get; set; }
    public string? ScoreScale { get; set; } = "5";
    public string? AssessorsPerApplication { get; set; } = "2";
    public string? DivergenceThreshold { get; set; } = "20";
    public List<CriterionInput> Criteria { get; set; } = [];

    /// <summary>Pads the criteria to the form's rows so each has inputs (and gives lists form binding left empty).</summary>
    public RoundInput WithCriterionRows()
    {
        OrganisationTypes ??= [];
        Areas ??= [];
        Objectives ??= [];
        Criteria ??= [];
        while (Criteria.Count < CriterionRows)
        {
            Criteria.Add(new CriterionInput());
        }
        return this;
    }
}

public sealed class CriterionInput
{
    public string? Title { get; set; }
    public string? Guidance { get; set; }
    public string? Weight { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Guidance) && string.IsNullOrWhiteSpace(Weight);
}

/// <summary>A new closing time and why: extending or closing a published round early.</summary>
public sealed class RoundDeadlineInput
{
    public string? ClosesDate { get; set; }
    public string? ClosesTime { get; set; } = "12:00";
    public string? Reason { get; set; }
}
