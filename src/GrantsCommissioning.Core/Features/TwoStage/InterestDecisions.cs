using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.TwoStage;

/// <summary>
/// A grants officer's decisions on a two-stage round's expressions of interest: invite the full application (one or in
/// bulk, with an optional note to the applicant) or decline with a reason. Each goes through the workflow on its own
/// with a key per case and decision, so pressing again changes nothing, and of two officers deciding one expression of
/// interest at once one wins and the other is told what it became.
/// </summary>
public sealed class InterestDecisions(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, TimeProvider clock)
{
    public const int MaxChosen = 100;
    public const int NoteMax = 2000;

    public static InterestStatus StatusOf(string state) => state switch
    {
        ApplicationStates.InterestDraft or ApplicationStates.InterestSubmitted => InterestStatus.Waiting,
        ApplicationStates.InterestDeclined => InterestStatus.Declined,
        ApplicationStates.Withdrawn => InterestStatus.Withdrawn,
        _ => InterestStatus.Invited,
    };

    /// <summary>The round's expressions of interest, oldest first; null when there is no such two-stage round.</summary>
    public async Task<RoundInterests?> ListAsync(int roundId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.InterestClosesAt != null, ct);
        if (round is null)
        {
            return null;
        }
        var rows = await db.Applications.AsNoTracking().Where(a => a.RoundId == roundId && a.InterestSubmittedAt != null)
            .OrderBy(a => a.InterestSubmittedAt).ThenBy(a => a.Id)
            .Select(a => new
            {
                a.Id, a.ApplicationReference, Organisation = a.Organisation!.Name, a.ProjectTitle, a.Summary, a.AmountRequestedPence,
                a.InterestSubmittedAt, a.State, a.Version, a.Organisation.Type, a.Organisation.AreaServed,
                Reason = db.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == a.Id && j.ToState == ApplicationStates.InterestDeclined)
                    .OrderByDescending(j => j.Sequence).Select(j => j.Comment).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new RoundInterests(round.Id, round.Reference, round.Title, round.InterestClosesAt!.Value, round.ClosesAt, clock.GetUtcNow() < round.ClosesAt,
            rows.Select(r => new InterestItem(r.Id, r.ApplicationReference, r.Organisation, r.ProjectTitle, r.Summary ?? "", new Money(r.AmountRequestedPence),
                r.InterestSubmittedAt!.Value, StatusOf(r.State), InterestStatuses.Describe(StatusOf(r.State)), r.Reason, r.Version)
            {
                NotEligible = RoundEligibility.Reasons(round, r.Organisation, r.Type, r.AreaServed),
            }).ToList());
    }

    /// <summary>Invites each chosen expression of interest of the round to make a full application; <paramref name="note"/> (optional) is emailed with the invitation.</summary>
    public async Task<FeatureResult<BulkSummary>> InviteAsync(int roundId, IReadOnlyCollection<int> applicationIds, string? note, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<BulkSummary>.Fail(new RoleNeeded("grants officers", "invite full applications"));
        }
        var text = note?.Trim();
        if (text?.Length > NoteMax)
        {
            return FeatureResult<BulkSummary>.Fail(new ReasonNeeded($"The note to applicants must be 2,000 characters or fewer.", "Note"));
        }
        return await DecideAsync(roundId, applicationIds, actor, (id, closesAt) => new TransitionRequest(new CaseRef(CaseKind.Application, id),
            ApplicationTriggers.Invite, actor, $"invite:{id}")
        {
            Comment = string.IsNullOrEmpty(text) ? null : text,
            Payload = new InvitePayload(closesAt),
        }, InterestStatus.Invited, "Invited; the applicant has been emailed.", ct, eligibleOnly: true);
    }

    /// <summary>Declines each chosen expression of interest of the round; the reason is required and emailed to each applicant.</summary>
    public async Task<FeatureResult<BulkSummary>> DeclineAsync(int roundId, IReadOnlyCollection<int> applicationIds, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<BulkSummary>.Fail(new RoleNeeded("grants officers", "decline expressions of interest"));
        }
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length < 10 || text.Length > NoteMax)
        {
            return FeatureResult<BulkSummary>.Fail(new ReasonNeeded(
                $"Give the reason the organisation is not invited (10 to 2,000 characters). It is emailed to the applicant.", "Note"));
        }
        return await DecideAsync(roundId, applicationIds, actor, (id, _) => new TransitionRequest(new CaseRef(CaseKind.Application, id),
            ApplicationTriggers.DeclineInterest, actor, $"decline-interest:{id}")
        {
            Comment = text,
        }, InterestStatus.Declined, "Not invited; the applicant has been emailed the reason.", ct);
    }

    private async Task<FeatureResult<BulkSummary>> DecideAsync(int roundId, IReadOnlyCollection<int> applicationIds, Actor actor,
        Func<int, DateTimeOffset, TransitionRequest> request, InterestStatus becomes, string done, CancellationToken ct, bool eligibleOnly = false)
    {
        var ids = applicationIds.Where(id => id > 0).Distinct().ToList();
        if (ids.Count == 0)
        {
            return FeatureResult<BulkSummary>.Fail(new NothingChosen("at least one expression of interest", "Selected"));
        }
        if (ids.Count > MaxChosen)
        {
            return FeatureResult<BulkSummary>.Fail(new NothingChosen($"no more than {MaxChosen} expressions of interest at once", "Selected"));
        }
        Dictionary<int, string> references;
        Dictionary<int, NotEligible> notEligible = [];
        DateTimeOffset closesAt;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId && r.InterestClosesAt != null, ct);
            if (round is null)
            {
                return FeatureResult<BulkSummary>.Fail(new NotFound("funding round"));
            }
            closesAt = round.ClosesAt;
            // Only this round's expressions of interest: another round's id is "not found", like one that does not exist.
            var chosen = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.Id) && a.RoundId == roundId && a.InterestSubmittedAt != null)
                .Include(a => a.Organisation).ToListAsync(ct);
            references = chosen.ToDictionary(a => a.Id, a => a.ApplicationReference);
            if (eligibleOnly)
            {
                // An organisation that no longer meets the round's eligibility rules (its profile changed since it sent) is not invited.
                notEligible = chosen.Where(a => StatusOf(a.State) == InterestStatus.Waiting)
                    .Select(a => (a.Id, Failure: RoundEligibility.Check(round, a.Organisation!)))
                    .Where(x => x.Failure is not null).ToDictionary(x => x.Id, x => x.Failure!);
            }
        }
        var lines = new List<BulkLine>();
        foreach (var id in ids)
        {
            if (!references.TryGetValue(id, out var reference))
            {
                lines.Add(new BulkLine(id, "–", BulkOutcome.Failed, Failures.Message(new NotFound("expression of interest"))));
                continue;
            }
            if (notEligible.TryGetValue(id, out var failure))
            {
                lines.Add(new BulkLine(id, reference, BulkOutcome.Failed, Failures.Message(failure)));
                continue;
            }
            var result = await workflow.FireAsync(request(id, closesAt), ct);
            var now = StatusOf(result.State);
            lines.Add(result switch
            {
                { Succeeded: true, WasDuplicate: true } => new BulkLine(id, reference, BulkOutcome.AlreadyDone, $"Already {Done(becomes)}: nothing changed."),
                { Succeeded: true } => new BulkLine(id, reference, BulkOutcome.Done, done),
                { Error: TransitionError.TriggerNotPermitted or TransitionError.ConcurrencyConflict } when now == becomes =>
                    new BulkLine(id, reference, BulkOutcome.AlreadyDone, $"Already {Done(becomes)} by someone else: nothing changed."),
                { Error: TransitionError.TriggerNotPermitted or TransitionError.ConcurrencyConflict } when now != InterestStatus.Waiting =>
                    new BulkLine(id, reference, BulkOutcome.Failed,
                        $"This expression of interest has already been decided (perhaps by another officer): it is now \u201c{InterestStatuses.Describe(now)}\u201d. Nothing was changed."),
                _ => new BulkLine(id, reference, BulkOutcome.Failed, result.Message ?? "Nothing changed."),
            });
        }
        return FeatureResult<BulkSummary>.Ok(new BulkSummary(lines));
    }

    private static string Done(InterestStatus status) => status == InterestStatus.Invited ? "invited" : "declined";
}
