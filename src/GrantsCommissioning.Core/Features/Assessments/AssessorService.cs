using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// The assessor's side: their inbox with due dates; each assignment answered before they see the application
/// (accept with no conflict, declare a conflict, which recuses them at once and tells the officers, or return it with
/// a reason); then the scores, through the workflow's Score trigger.
/// </summary>
public sealed class AssessorService(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, AuditTrail audit, IOutbox outbox, TimeProvider clock)
{
    public const string RecusedTemplate = "assessment-recused";
    public const string ReturnedTemplate = "assessment-returned";

    public async Task<AssessorInbox> InboxAsync(Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var mine = await db.Assessments.AsNoTracking().Include(a => a.Application).ThenInclude(a => a!.Organisation)
            .Where(a => a.AssessorUserId == actor.UserId).ToListAsync(ct);
        var register = await db.Set<InterestRegister>().AsNoTracking().Include(r => r.Interests).FirstOrDefaultAsync(r => r.UserId == actor.UserId, ct);
        var today = UkTime.ToUkDate(clock.GetUtcNow());
        var items = mine.Select(a =>
            {
                var state = AssignmentStates.Of(a);
                var open = state is AssignmentState.AwaitingAnswer or AssignmentState.ToScore;
                return new InboxItem(a.Id, a.Application!.ApplicationReference, a.Application.ProjectTitle, a.Application.Organisation!.Name, a.DueDate,
                    open && a.DueDate < today, state, open && register is not null && InterestMatcher.Match(register.Interests, a.Application.Organisation) is not null);
            })
            .OrderBy(i => i.State is AssignmentState.AwaitingAnswer or AssignmentState.ToScore ? 0 : 1)
            .ThenBy(i => i.Due ?? DateOnly.MaxValue).ThenBy(i => i.Reference).ToList();
        return new AssessorInbox(items, register?.ExpiresAt, register?.IsCurrentAt(clock.GetUtcNow()) == true);
    }

    /// <summary>The actor's own assignment, or null (someone else's, or none: the page answers 404).</summary>
    public async Task<AssignmentView?> AssignmentAsync(int assessmentId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var a = await db.Assessments.AsNoTracking().Include(x => x.Scores)
            .Include(x => x.Application).ThenInclude(x => x!.Organisation)
            .Include(x => x.Application).ThenInclude(x => x!.Round).ThenInclude(r => r!.Criteria)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == assessmentId && x.AssessorUserId == actor.UserId, ct);
        if (a is null)
        {
            return null;
        }
        var app = a.Application!;
        var state = AssignmentStates.Of(a);
        var register = await db.Set<InterestRegister>().AsNoTracking().Include(r => r.Interests).FirstOrDefaultAsync(r => r.UserId == actor.UserId, ct);
        var flagged = register is null ? null : InterestMatcher.Match(register.Interests, app.Organisation!);
        var mayScore = state is AssignmentState.ToScore or AssignmentState.Scored;
        var criteria = app.Round!.Criteria.OrderBy(c => c.Order).ToList();
        return new AssignmentView(a.Id, app.Id, app.ApplicationReference, app.ProjectTitle, app.Organisation!.Name, app.Round.Title, a.DueDate, state,
            flagged is null ? null : $"{flagged.OrganisationName} ({flagged.Role})", app.State == ApplicationStates.Assessment,
            mayScore
                ? criteria.Select(c => Line(c, a.Scores.FirstOrDefault(s => s.CriterionId == c.Id))).ToList()
                : [],
            a.Recommendation, a.Comments, mayScore ? AssessmentScoring.WeightedTotal(a, criteria.ToDictionary(c => c.Id)) : null);
    }

    internal static CriterionLine Line(AssessmentCriterion c, AssessmentScore? s) =>
        new(c.Id, c.Title, c.Guidance, c.WeightPercent, c.MaxScore, s?.Score, s?.Comment);

    /// <summary>The assessor's answer before seeing the application; nothing changes if it is refused.</summary>
    public async Task<FeatureResult<AssignmentState>> RespondAsync(int assessmentId, ResponseInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var details = (input.Details ?? "").Trim();
        switch (input.Answer)
        {
            case "accept":
                break;
            case "conflict" when details.Length is 0 or > 2000:
                return FeatureResult<AssignmentState>.Fail(new ReasonNeeded("Describe the conflict of interest: your connection with the applicant or its people.", "Details"));
            case "return" when details.Length is 0 or > 2000:
                return FeatureResult<AssignmentState>.Fail(new ReasonNeeded("Give the reason you are returning this assignment, so the officer can reassign it.", "Details"));
            case "conflict" or "return":
                break;
            default:
                return FeatureResult<AssignmentState>.Fail(new NothingChosen("whether you accept the assignment, have a conflict of interest, or are returning it", "Answer"));
        }
        return await AssessmentWrites.WriteAsync(factory, async db =>
        {
            var a = await db.Assessments.Include(x => x.Application).ThenInclude(x => x!.Organisation)
                .FirstOrDefaultAsync(x => x.Id == assessmentId && x.AssessorUserId == actor.UserId, ct);
            if (a is null)
            {
                return FeatureResult<AssignmentState>.Fail(new NotFound("assignment"));
            }
            var app = a.Application!;
            if (AssignmentStates.Of(a) != AssignmentState.AwaitingAnswer)
            {
                return FeatureResult<AssignmentState>.Fail(new AssignmentAnswered(app.ApplicationReference));
            }
            var now = clock.GetUtcNow();
            var values = new Dictionary<string, string> { ["Reference"] = app.ApplicationReference, ["Title"] = app.ProjectTitle, ["AssessorName"] = a.AssessorName };
            switch (input.Answer)
            {
                case "accept":
                    var register = await db.Set<InterestRegister>().AsNoTracking().Include(r => r.Interests).FirstOrDefaultAsync(r => r.UserId == actor.UserId, ct);
                    if (register is not null && InterestMatcher.Match(register.Interests, app.Organisation!) is { } interest)
                    {
                        return FeatureResult<AssignmentState>.Fail(new OwnRegisterConflict(interest.OrganisationName));
                    }
                    a.HasConflict = false;
                    a.ConflictDeclaredAt = now;
                    break;
                case "conflict":
                    a.HasConflict = true;
                    a.ConflictDetails = details;
                    a.ConflictDeclaredAt = now;
                    await AssessmentWrites.TellOfficersAsync(db, outbox, RecusedTemplate, values, $"assessment-recused:{a.Id}", ct);
                    break;
                default:
                    a.ReturnedAt = now;
                    a.ReturnReason = details;
                    await AssessmentWrites.TellOfficersAsync(db, outbox, ReturnedTemplate, new Dictionary<string, string>(values) { ["Reason"] = details },
                        $"assessment-returned:{a.Id}", ct);
                    break;
            }
            await audit.AppendAsync(db, actor, "assessment." + input.Answer, "Application", app.ApplicationReference, null,
                new { assessor = a.AssessorName, details = details.Length == 0 ? null : details }, ct);
            return FeatureResult<AssignmentState>.Ok(AssignmentStates.Of(a));
        }, () => FeatureResult<AssignmentState>.Fail(new ChangedMeanwhile("assignment")), ct);
    }

    /// <summary>Records the scores through the workflow (trigger Score), so the journal, audit and guards apply as for any transition.</summary>
    public async Task<FeatureResult<int>> ScoreAsync(int assessmentId, ScorePayload payload, string idempotencyKey, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        int applicationId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var found = await db.Assessments.AsNoTracking().Where(x => x.Id == assessmentId && x.AssessorUserId == actor.UserId)
                .Select(x => (int?)x.ApplicationId).FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return FeatureResult<int>.Fail(new NotFound("assignment"));
            }
            applicationId = found.Value;
        }
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, applicationId), ApplicationTriggers.Score, actor, idempotencyKey)
        {
            Payload = payload,
        }, ct);
        return FeatureResult<int>.From(result, assessmentId);
    }
}
