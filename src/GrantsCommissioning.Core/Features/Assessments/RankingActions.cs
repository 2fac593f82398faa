using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>One application chosen for a bulk recommendation, with the amount the officer recommends (pounds as typed).</summary>
public sealed record RecommendationChoice(int ApplicationId, string? Amount);

/// <summary>
/// What an officer does on a round's ranking: move an application across the funding line (with a recorded, audited
/// reason) and recommend several applications at once, each with its amount. Each recommendation is its own transition
/// through the workflow (its own guard, its own transaction and idempotency key), so one that fails changes nothing and
/// stops nothing else, and submitting the same batch again changes nothing.
/// </summary>
public sealed class RankingActions(IDbContextFactory<GrantsDbContext> factory, ModerationService moderation, ICaseWorkflow workflow, AuditTrail audit, TimeProvider clock)
{
    public async Task<FeatureResult<int>> MoveAcrossLineAsync(int roundId, int applicationId, bool intoFunding, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("grants officers", "move an application across the funding line"));
        }
        var row = (await moderation.RankingAsync(roundId, ct))?.Rows.FirstOrDefault(r => r.ApplicationId == applicationId);
        if (row is null)
        {
            return FeatureResult<int>.Fail(new NotFound("application on this round's ranking"));
        }
        if (row.Score is null)
        {
            return FeatureResult<int>.Fail(new NoLongerPossible("application", "moved across the funding line", "it has no ranking score yet."));
        }
        if (row.Funded == intoFunding)
        {
            return FeatureResult<int>.Ok(applicationId);
        }
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 10 || text.Length > 2000)
        {
            return FeatureResult<int>.Fail(new ReasonNeeded(
                $"Give the reason for moving {row.Reference} {(intoFunding ? "into" : "out of")} funding across the line (10 to 2,000 characters)."));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var move = new FundingLineMove
            {
                RoundId = roundId, ApplicationId = applicationId, IntoFunding = intoFunding, Reason = text, MovedByUserId = actor.UserId,
                MovedByName = actor.DisplayName, MovedAt = clock.GetUtcNow(),
            };
            db.Add(move);
            await audit.AppendAsync(db, actor, "FundingLine.Moved", nameof(CaseKind.Application), applicationId.ToString(CultureInfo.InvariantCulture),
                new { funded = !intoFunding }, new { funded = intoFunding, reason = text, round = roundId }, ct);
            return FeatureResult<int>.Ok(applicationId);
        }, ct);
    }

    /// <summary>Recommends each chosen application for decision with its amount; <paramref name="batchKey"/> makes a resubmission change nothing.</summary>
    public async Task<FeatureResult<BulkSummary>> RecommendAsync(int roundId, IReadOnlyList<RecommendationChoice> choices, string? conditions, Actor actor, string batchKey,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<BulkSummary>.Fail(new RoleNeeded("grants officers", "recommend applications for decision"));
        }
        if (choices.Count == 0)
        {
            return FeatureResult<BulkSummary>.Fail(new NothingChosen("at least one application to recommend", "Selected"));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var ids = choices.Select(c => c.ApplicationId).ToList();
        var apps = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id) && a.RoundId == roundId)
            .Select(a => new { a.Id, a.ApplicationReference, a.AmountRequestedPence }).ToDictionaryAsync(a => a.Id, ct);
        var lines = new List<BulkLine>();
        foreach (var choice in choices.DistinctBy(c => c.ApplicationId))
        {
            if (!apps.TryGetValue(choice.ApplicationId, out var app))
            {
                lines.Add(new BulkLine(choice.ApplicationId, "–", BulkOutcome.Failed, Failures.Message(new NotFound("application in this round"))));
                continue;
            }
            if (!Money.TryParse(choice.Amount, out var amount) || amount.Pence <= 0 || amount.Pence > app.AmountRequestedPence)
            {
                lines.Add(new BulkLine(app.Id, app.ApplicationReference, BulkOutcome.Failed,
                    $"Enter an amount more than £0 and no more than the {new Money(app.AmountRequestedPence)} requested."));
                continue;
            }
            var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, app.Id), ApplicationTriggers.Recommend, actor,
                $"bulk-recommend:{batchKey}:{app.Id}")
            {
                Amount = amount, Comment = RecommendationComment(amount, conditions),
            }, ct);
            lines.Add(result switch
            {
                { Succeeded: true, WasDuplicate: true } => new BulkLine(app.Id, app.ApplicationReference, BulkOutcome.AlreadyDone, "Already recommended in this batch: nothing changed."),
                { Succeeded: true } => new BulkLine(app.Id, app.ApplicationReference, BulkOutcome.Done, $"Recommended at {amount}."),
                { State: ApplicationStates.Recommendation } => new BulkLine(app.Id, app.ApplicationReference, BulkOutcome.AlreadyDone, "Already awaiting a decision: nothing changed."),
                _ => new BulkLine(app.Id, app.ApplicationReference, BulkOutcome.Failed, result.Message ?? "Not recommended."),
            });
        }
        return FeatureResult<BulkSummary>.Ok(new BulkSummary(lines));
    }

    private const string ConditionsLabel = " Conditions: ";

    /// <summary>The comment a recommendation is journaled with; <see cref="ConditionsIn"/> reads the conditions back for the decision form.</summary>
    public static string RecommendationComment(Money amount, string? conditions) =>
        string.IsNullOrWhiteSpace(conditions) ? $"Recommended at {amount}." : $"Recommended at {amount}.{ConditionsLabel}{conditions.Trim()}";

    public static string? ConditionsIn(string? comment)
    {
        var at = comment?.IndexOf(ConditionsLabel, StringComparison.Ordinal) ?? -1;
        return at < 0 ? null : comment![(at + ConditionsLabel.Length)..];
    }
}
