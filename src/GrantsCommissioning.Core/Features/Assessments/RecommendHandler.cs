using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// An application goes to the decision maker only once it has been assessed: as many completed assessments, by
/// assessors without a conflict, as its round asks for (two, or one on the small fund), and, when their totals diverge
/// beyond the round's threshold, a moderated score. Without this an officer could put a case for decision with no
/// assessment at all.
/// </summary>
public sealed class RecommendHandler : TransitionHandler<GrantApplication, NoPayload>
{
    public override CaseKind Kind => CaseKind.Application;

    public override IReadOnlyCollection<string> Triggers => [ApplicationTriggers.Recommend];

    public override bool NeedsForm => false;

    protected override async Task<IReadOnlyList<FieldError>> ValidateAsync(TransitionContext context, GrantApplication application, NoPayload payload, CancellationToken ct)
    {
        var round = await context.Db.Rounds.AsNoTracking().Include(r => r.Criteria).SingleAsync(r => r.Id == application.RoundId, ct);
        var assessments = await context.Db.Set<Assessment>().AsNoTracking().Include(a => a.Scores)
            .Where(a => a.ApplicationId == application.Id && a.CompletedAt != null && a.HasConflict != true && a.ReturnedAt == null).ToListAsync(ct);
        if (assessments.Count < round.AssessorsPerApplication)
        {
            return [new FieldError("", MissingMessage(round.AssessorsPerApplication, assessments.Count))];
        }
        var totals = AssignmentService.CompletedTotals(assessments, round.Criteria.ToDictionary(c => c.Id));
        var moderated = await context.Db.Set<Moderation>().AnyAsync(m => m.ApplicationId == application.Id, ct);
        return AssessmentScoring.Diverges(totals, round.DivergenceThresholdPercent) && !moderated
            ? [new FieldError("", ModerationMessage(round.DivergenceThresholdPercent))]
            : [];
    }

    public static string ModerationMessage(int threshold) =>
        $"This application cannot be recommended yet: its assessors' totals differ by more than {threshold} percentage points, " +
        "so an officer must record a moderated score first.";

    protected override Task ApplyAsync(TransitionContext context, GrantApplication application, NoPayload payload, CancellationToken ct) => Task.CompletedTask;

    public static string MissingMessage(int needed, int completed) =>
        $"This application cannot be recommended yet: its round needs {needed} completed assessment{(needed == 1 ? "" : "s")} " +
        $"by assessors without a conflict, and it has {completed}.";
}
