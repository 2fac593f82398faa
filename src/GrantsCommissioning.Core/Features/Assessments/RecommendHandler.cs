using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// An application goes to the decision maker only once it has been assessed: as many completed assessments, by
/// assessors without a conflict, as its round asks for (two, or one on the small fund). Without this an officer could
/// put a case for decision with no assessment at all.
/// </summary>
public sealed class RecommendHandler : TransitionHandler<GrantApplication, NoPayload>
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.Recommend];

    public override bool NeedsForm => false;

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication application, NoPayload payload, CancellationToken ct)
    {
        var needed = await context.Db.Rounds.Where(r => r.Id == application.RoundId).Select(r => r.AssessorsPerApplication).SingleAsync(ct);
        var completed = await context.Db.Set<Assessment>()
            .CountAsync(a => a.ApplicationId == application.Id && a.CompletedAt != null && a.HasConflict != true, ct);
        return completed >= needed
            ? []
            : [new FieldError("", MissingMessage(needed, completed))];
    }

    protected override Task ApplyAsync(TransitionContext context, GrantApplication application, NoPayload payload, CancellationToken ct) => Task.CompletedTask;

    public static string MissingMessage(int needed, int completed) =>
        $"This application cannot be recommended yet: its round needs {needed} completed assessment{(needed == 1 ? "" : "s")} " +
        $"by assessors without a conflict, and it has {completed}.";
}
