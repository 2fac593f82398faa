namespace GrantsCommissioning.Core.Domain;

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

    /// <summary>Retention: the person who started the case is no longer named (the case stays, anonymised).</summary>
    internal void ForgetStartedBy() => (StartedByUserId, StartedByName) = (null, null);

    internal void SetWorkflowState(string state, int workflowVersion)
    {
        State = state;
        WorkflowVersion = workflowVersion;
        Version++;
    }
}
