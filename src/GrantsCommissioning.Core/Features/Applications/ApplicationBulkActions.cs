using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>The bulk actions an officer takes on applications waiting for their checks.</summary>
public enum ApplicationBulkAction
{
    /// <summary>Ask each applicant for more information (the applicant is emailed the reason; from v5 the case waits for their answer).</summary>
    RequestInformation,

    /// <summary>Reject each application as ineligible (the applicant is emailed the reason).</summary>
    RejectIneligible,
}

/// <summary>An application a bulk action can be applied to.</summary>
public sealed record BulkCandidate(int Id, string Reference, string Title, string Organisation, string State);

/// <summary>
/// Bulk actions on the officer's applications list and on a round's assessment page: one reason for every application chosen, and each application
/// through the workflow's guarded transition on its own (own guard, transaction and idempotency key), so one that
/// cannot take the action changes nothing and stops nothing else, and submitting the same batch again changes nothing.
/// </summary>
public sealed class ApplicationBulkActions(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow)
{
    public const int MaxChosen = 100;

    /// <summary>The states the bulk actions apply to: submitted, or in the eligibility checks.</summary>
    public static bool IsActionable(string state) => state is ApplicationStates.Submitted or ApplicationStates.EligibilityCheck;

    /// <summary>A round's applications the bulk actions apply to, by reference (for the round's assessment page).</summary>
    public async Task<IReadOnlyList<BulkCandidate>> CandidatesAsync(int roundId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Applications.AsNoTracking()
            .Where(a => a.RoundId == roundId && (a.State == ApplicationStates.Submitted || a.State == ApplicationStates.EligibilityCheck))
            .OrderBy(a => a.ApplicationReference)
            .Select(a => new BulkCandidate(a.Id, a.ApplicationReference, a.ProjectTitle, a.Organisation!.Name, a.State))
            .ToListAsync(ct);
    }

    public async Task<FeatureResult<BulkSummary>> ApplyAsync(ApplicationBulkAction action, IReadOnlyCollection<int> applicationIds, string? reason, Actor actor,
        string batchKey, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        ArgumentNullException.ThrowIfNull(actor);
        var verb = action == ApplicationBulkAction.RejectIneligible ? "reject applications as ineligible" : "ask applicants for more information";
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<BulkSummary>.Fail(new RoleNeeded("grants officers", verb));
        }
        var ids = applicationIds.Where(id => id > 0).Distinct().ToList();
        if (ids.Count == 0)
        {
            return FeatureResult<BulkSummary>.Fail(new NothingChosen("at least one application", "Selected"));
        }
        if (ids.Count > MaxChosen)
        {
            return FeatureResult<BulkSummary>.Fail(new NothingChosen($"no more than {MaxChosen} applications at once", "Selected"));
        }
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 10 || text.Length > 2000)
        {
            return FeatureResult<BulkSummary>.Fail(new ReasonNeeded(action == ApplicationBulkAction.RejectIneligible
                ? "Give the reason the applications are ineligible (10 to 2,000 characters). It is emailed to each applicant."
                : "Say what information you need (10 to 2,000 characters). It is emailed to each applicant."));
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var references = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.ApplicationReference }).ToDictionaryAsync(a => a.Id, a => a.ApplicationReference, ct);
        var (trigger, done) = action == ApplicationBulkAction.RejectIneligible
            ? (ApplicationTriggers.FailChecks, "Rejected as ineligible; the applicant has been emailed the reason.")
            : (ApplicationTriggers.RequestInformation, "More information requested; the applicant has been emailed.");
        var lines = new List<BulkLine>();
        foreach (var id in ids)
        {
            if (!references.TryGetValue(id, out var reference))
            {
                lines.Add(new BulkLine(id, "–", BulkOutcome.Failed, Failures.Message(new NotFound("application"))));
                continue;
            }
            var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, id), trigger, actor, $"bulk-{action}:{batchKey}:{id}")
            {
                Comment = text,
            }, ct);
            lines.Add(result switch
            {
                { Succeeded: true, WasDuplicate: true } => new BulkLine(id, reference, BulkOutcome.AlreadyDone, "Already done in this batch: nothing changed."),
                { Succeeded: true } => new BulkLine(id, reference, BulkOutcome.Done, done),
                { State: ApplicationStates.Rejected } when action == ApplicationBulkAction.RejectIneligible =>
                    new BulkLine(id, reference, BulkOutcome.AlreadyDone, "Already not funded: nothing changed."),
                { State: ApplicationStates.InformationRequested } when action == ApplicationBulkAction.RequestInformation =>
                    new BulkLine(id, reference, BulkOutcome.AlreadyDone, "Already waiting for the applicant's information: nothing changed."),
                _ => new BulkLine(id, reference, BulkOutcome.Failed, result.Message ?? "Nothing changed."),
            });
        }
        return FeatureResult<BulkSummary>.Ok(new BulkSummary(lines));
    }
}
