namespace GrantsCommissioning.Core.Domain;

/// <summary>A Police and Crime Plan for a period. Variations create a new version; older versions stay reportable.</summary>
public class PoliceAndCrimePlan
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; } = 1;
    public required string Title { get; set; }
    public required string PoliceArea { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public string? VariationNote { get; set; }
    public List<PlanAim> Aims { get; set; } = [];
    public List<PlanObjective> Objectives { get; set; } = [];
}

public class PlanAim
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public PoliceAndCrimePlan? Plan { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
}

public class PlanObjective
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public PoliceAndCrimePlan? Plan { get; set; }
    public int AimId { get; set; }
    public PlanAim? Aim { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public List<SuccessMeasure> Measures { get; set; } = [];
    public List<NationalPriority> NationalPriorities { get; set; } = [];

    /// <summary>"Objective 2 – To reduce the volume of violent crime…", as the Panel reports head each section.</summary>
    public string Heading => $"Objective {Number} – {Title}";
}

public enum Rag
{
    NotRated = 0,
    Green = 1,
    Amber = 2,
    Red = 3,
}

public class SuccessMeasure
{
    public int Id { get; set; }
    public int ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }
    public int Order { get; set; }
    public required string Title { get; set; }
    public bool IsHeadline { get; set; }
    public required string TargetText { get; set; }
    public string? Baseline { get; set; }
    public string? Footnote { get; set; }
    public List<MeasureReading> Readings { get; set; } = [];
}

/// <summary>The position of a success measure at the end of a financial quarter (year to date).</summary>
public class MeasureReading
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public SuccessMeasure? Measure { get; set; }
    public int FinancialYearStart { get; set; }
    public int Quarter { get; set; }
    public string? PeriodTarget { get; set; }
    public string? Actual { get; set; }
    public Rag Rag { get; set; }
    public string? Comment { get; set; }

    public FinancialQuarter Period => new(new FinancialYear(FinancialYearStart), Quarter);
}

public class NationalPriority
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Title { get; set; }
    public List<NationalMetric> Metrics { get; set; } = [];
    public List<PlanObjective> Objectives { get; set; } = [];
}

public class NationalMetric
{
    public int Id { get; set; }
    public int PriorityId { get; set; }
    public NationalPriority? Priority { get; set; }
    public required string Name { get; set; }
    public required string Source { get; set; }
}
