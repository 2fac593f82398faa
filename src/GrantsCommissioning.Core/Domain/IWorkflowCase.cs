namespace GrantsCommissioning.Core.Domain;

/// <summary>
/// A record whose status is driven by a workflow definition. Only the workflow runtime assigns
/// <see cref="State"/>; <see cref="Version"/> is the optimistic-concurrency token.
/// </summary>
public interface IWorkflowCase
{
    int Id { get; }
    CaseKind Kind { get; }
    string State { get; }
    int WorkflowVersion { get; }
    int Version { get; }
    string Reference { get; }
}
