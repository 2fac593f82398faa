namespace GrantsCommissioning.Core.Domain;

public enum CaseKind
{
    Application = 1,
    Award = 2,
    Payment = 3,
    MonitoringReturn = 4,
}

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

public abstract class WorkflowCaseBase : IWorkflowCase
{
    public int Id { get; set; }
    public abstract CaseKind Kind { get; }
    public string State { get; private set; } = "";
    public int WorkflowVersion { get; private set; }
    public int Version { get; private set; }
    public abstract string Reference { get; }

    /// <summary>Who started the case (the applicant who began an application); null for imported and older cases.</summary>
    public string? StartedByUserId { get; private set; }

    public string? StartedByName { get; private set; }

    internal void SetStartedBy(string userId, string name) => (StartedByUserId, StartedByName) = (userId, name);

    internal void SetWorkflowState(string state, int workflowVersion)
    {
        State = state;
        WorkflowVersion = workflowVersion;
        Version++;
    }
}
