namespace GrantsCommissioning.Core.Features.Applications;

// Dedicated input models bound from applicant forms: raw text parsed and checked by the service. None has a state,
// an amount awarded, a decision or an organisation, so none can be set from a form.

public sealed class ProjectInput
{
    public string? ProjectTitle { get; set; }
    public string? Summary { get; set; }
    /// <summary>Short form only: on the full form the amount is the total of the budget lines.</summary>
    public string? AmountRequested { get; set; }
    public string? ProjectStart { get; set; }
    public string? ProjectEnd { get; set; }
}

public sealed class BudgetLineInput
{
    public string? Description { get; set; }
    public string? Category { get; set; }
    public string? Amount { get; set; }
}

public sealed class BudgetInput
{
    public List<BudgetLineInput> Lines { get; set; } = [];
}

public sealed class ObjectiveShareInput
{
    public int ObjectiveId { get; set; }
    public string? Share { get; set; }
}

public sealed class PriorityChoiceInput
{
    public int Id { get; set; }
    public bool Selected { get; set; }
}

public sealed class IndicatorInput
{
    public string? Name { get; set; }
    public string? Unit { get; set; }
    public string? Target { get; set; }
    public string? ObjectiveId { get; set; }
}

public sealed class OutcomesInput
{
    /// <summary>Full form: a share for each objective of the round (blank or 0 = not linked).</summary>
    public List<ObjectiveShareInput> Objectives { get; set; } = [];
    /// <summary>Short form: the one objective the project serves.</summary>
    public string? SingleObjectiveId { get; set; }
    public List<PriorityChoiceInput> Priorities { get; set; } = [];
    public List<IndicatorInput> Indicators { get; set; } = [];
}

public sealed class BeneficiariesInput
{
    public string? Beneficiaries { get; set; }
    public string? BeneficiaryCount { get; set; }
    public string? AreaServed { get; set; }
}

public sealed class DeclarationsInput
{
    public bool Accept { get; set; }
}
