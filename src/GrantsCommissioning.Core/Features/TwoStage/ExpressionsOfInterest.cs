using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using static GrantsCommissioning.Core.Features.Applications.ApplicationFormValues;

namespace GrantsCommissioning.Core.Features.TwoStage;

/// <summary>
/// The applicant's first stage on a two-stage round: one expression of interest per organisation, sent before the
/// round's expression of interest closing time. It is the application case itself, started as an expression of
/// interest (grant-application v6) and sent through the workflow, so the journal, audit and emails are the workflow's.
/// </summary>
public sealed class ExpressionsOfInterest(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, IValidator<InterestInput> validator, TimeProvider clock)
{
    /// <summary>The form for <paramref name="roundReference"/>; null when there is no such published two-stage round.</summary>
    public async Task<InterestForm?> FormAsync(string roundReference, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await factory.CreateDbContextAsync(ct);
        var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == roundReference && !r.IsDraft && r.InterestClosesAt != null, ct);
        if (round is null)
        {
            return null;
        }
        var orgs = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == actor.UserId)
            .Select(m => new
            {
                m.OrganisationId, m.Organisation!.Name, m.Organisation.Type, m.Organisation.AreaServed,
                Sent = db.Applications.Where(a => a.OrganisationId == m.OrganisationId && a.RoundId == round.Id && a.InterestSubmittedAt != null)
                    .OrderByDescending(a => a.Id).Select(a => new { a.ApplicationReference, a.State }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var closed = Closed(round, clock.GetUtcNow());
        return new InterestForm(round.Reference, round.Title, round.MinAward, round.MaxAward, round.InterestClosesAt!.Value, round.ClosesAt,
            closed is null ? null : Failures.Message(closed),
            orgs.OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
                .Select(o => new InterestOrganisation(o.OrganisationId, o.Name, o.Sent?.ApplicationReference,
                    o.Sent is null ? null : InterestStatuses.Describe(InterestDecisions.StatusOf(o.Sent.State)))
                {
                    NotEligible = RoundEligibility.Reasons(round, o.Name, o.Type, o.AreaServed),
                })
                .ToList());
    }

    /// <summary>Sends the expression of interest: the case is created and sent in one transaction, or nothing is saved.</summary>
    public async Task<FeatureResult<string>> SendAsync(string roundReference, InterestInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (Id(input.OrganisationId) is not { } orgId)
        {
            return FeatureResult<string>.Fail(new ChooseOrganisation());
        }
        return await factory.InTransactionAsync(async db =>
        {
            if (await OrganisationService.RoleOfAsync(db, orgId, actor, ct) is null)
            {
                return FeatureResult<string>.Fail(new ChooseOrganisation());
            }
            var round = await db.Rounds.Include(r => r.Fund).Include(r => r.Objectives)
                .FirstOrDefaultAsync(r => r.Reference == roundReference && !r.IsDraft && r.InterestClosesAt != null, ct);
            if (round is null)
            {
                return FeatureResult<string>.Fail(new NotFound("funding round"));
            }
            var now = clock.GetUtcNow();
            if (Closed(round, now) is { } closed)
            {
                return FeatureResult<string>.Fail(closed);
            }
            // The round's eligibility rules, as for a full application: an ineligible organisation is told why and nothing is saved.
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == orgId, ct);
            if (RoundEligibility.Check(round, organisation) is { } notEligible)
            {
                return FeatureResult<string>.Fail(notEligible);
            }
            var earlier = await db.Applications.Where(a => a.OrganisationId == orgId && a.RoundId == round.Id && a.InterestSubmittedAt != null
                    && a.State != ApplicationStates.Withdrawn)
                .Select(a => new { a.ApplicationReference, a.Organisation!.Name }).FirstOrDefaultAsync(ct);
            if (earlier is not null)
            {
                return FeatureResult<string>.Fail(new InterestAlreadySent(earlier.Name, earlier.ApplicationReference));
            }
            var validation = new ApplicationFormContext(round, new HashSet<int>()).Validate(validator, input);
            if (!validation.IsValid)
            {
                return FeatureResult<string>.Invalid(validation);
            }
            var application = new GrantApplication
            {
                ApplicationReference = "NEW-" + Guid.NewGuid().ToString("N"), RoundId = round.Id, OrganisationId = orgId, CreatedByUserId = actor.UserId,
                ProjectTitle = Text(input.ProjectTitle), Summary = Text(input.Summary), AmountRequestedPence = Amount(input.AmountRequested)!.Value.Pence,
                CreatedAt = now, UpdatedAt = now,
            };
            workflow.Start(application, actor, ApplicationStates.InterestDraft);
            db.Applications.Add(application);
            await db.SaveChangesAsync(ct);
            application.ApplicationReference = string.Create(CultureInfo.InvariantCulture, $"{round.Fund!.Code}-{UkTime.ToUk(now).Year}-{application.Id:D5}");
            var sent = await workflow.FireWithinAsync(db, new TransitionRequest(CaseRef.Of(application), ApplicationTriggers.SubmitInterest, actor,
                $"submit-interest:{application.Id}"), ct);
            return sent.Succeeded ? FeatureResult<string>.Ok(application.ApplicationReference) : FeatureResult<string>.Fail(sent);
        }, ct);
    }

    private static Failure? Closed(FundingRound round, DateTimeOffset now) =>
        now < round.OpensAt ? new InterestClosed(round.OpensAt, NotYet: true)
        : now >= round.InterestClosesAt ? new InterestClosed(round.InterestClosesAt!.Value)
        : null;
}
