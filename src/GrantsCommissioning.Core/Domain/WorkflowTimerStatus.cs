namespace GrantsCommissioning.Core.Domain;

public enum WorkflowTimerStatus
{
    Pending = 1,
    Fired = 2,
    Cancelled = 3,
}
