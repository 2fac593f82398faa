namespace GrantsCommissioning.Core.Domain;

/// <summary>A released workflow definition file and its hash; a changed file for a released version stops start-up.</summary>
public class WorkflowDefinitionRecord
{
    public int Id { get; set; }
    public required string DefinitionId { get; set; }
    public int Version { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
}
