namespace GrantsCommissioning.Core.Domain;

/// <summary>The officers' update on one plan objective for a quarter's Panel report (Part 1).</summary>
public class ObjectiveNarrative
{
    public int Id { get; set; }
    public int DraftId { get; set; }
    public PanelReportDraft? Draft { get; set; }
    public int ObjectiveId { get; set; }
    public PlanObjective? Objective { get; set; }
    public required string Text { get; set; }
}
