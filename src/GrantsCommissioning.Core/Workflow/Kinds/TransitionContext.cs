using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Workflow.Kinds;

/// <summary>What a transition handler works with, inside the runtime's transaction.</summary>
public sealed class TransitionContext
{
    private readonly Action<IWorkflowCase, Actor> start;

    internal TransitionContext(GrantsDbContext db, WorkflowCaseBase c, TransitionRequest request, DateTimeOffset now, Action<IWorkflowCase, Actor> start)
    {
        Db = db;
        Case = c;
        Request = request;
        Now = now;
        this.start = start;
    }

    public GrantsDbContext Db { get; }

    public WorkflowCaseBase Case { get; }

    public TransitionRequest Request { get; }

    public Actor Actor => Request.Actor;

    public DateTimeOffset Now { get; }

    /// <summary>The delegation row's role the Scheme of Delegation let the actor use, and the principal when they acted as a deputy.</summary>
    public (string? Role, string? DeputyFor) Authority { get; internal set; }

    /// <summary>Starts a case the handler creates (an award's payments and returns) in its workflow, started by this actor.</summary>
    public void Start(IWorkflowCase newCase) => start(newCase, Actor);
}
