using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>
/// An applicant's applications: start a draft for an open round, save its sections (autosave or "save and continue"),
/// submit it once before the deadline, and show the receipt. Only members of the application's organisation reach any
/// of it; everyone else gets null or "not found".
/// </summary>
public sealed partial class ApplicationService(
    IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, AuditTrail audit, TimeProvider clock, ILogger<ApplicationService> logger,
    ApplicationFormValidators forms)
{
    public async Task<StartOptions?> StartOptionsAsync(string roundReference, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var round = await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Reference == roundReference && !r.IsDraft, ct);
            if (round is null)
            {
                return null;
            }
            var orgs = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == actor.UserId)
                .Select(m => new
                {
                    m.OrganisationId, m.Organisation!.Name,
                    Draft = db.Applications.Where(a => a.OrganisationId == m.OrganisationId && a.RoundId == round.Id && a.State == ApplicationStates.Draft)
                        .OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefault(),
                })
                .ToListAsync(ct);
            var now = clock.GetUtcNow();
            var open = round.IsOpenAt(now);
            string? closed = now < round.OpensAt ? $"This round opens at {UkTime.Describe(round.OpensAt)}."
                : !open ? Deadlines.ClosedMessage(round.ClosesAt, extended: false)
                : round.InterestClosesAt is { } e ? Failures.Message(new InvitationNeeded(round.Title, now < e))
                : null;
            open &= round.InterestClosesAt is null;
            return new StartOptions(round.Reference, round.Title, round.UsesShortForm, round.MaxAward, round.ClosesAt, open, closed,
                orgs.OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).Select(o => new StartOrganisation(o.OrganisationId, o.Name, o.Draft)).ToList());
        }
    }

    /// <summary>Creates a draft in the workflow's initial state for one of the actor's organisations.</summary>
    public async Task<FeatureResult<int>> StartAsync(string roundReference, string? organisationId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!int.TryParse(organisationId, NumberStyles.None, CultureInfo.InvariantCulture, out var orgId))
        {
            return FeatureResult<int>.Fail(new ChooseOrganisation());
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            if (await OrganisationService.RoleOfAsync(db, orgId, actor, ct) is null)
            {
                return FeatureResult<int>.Fail(new ChooseOrganisation());
            }
            var round = await db.Rounds.Include(r => r.Fund).FirstOrDefaultAsync(r => r.Reference == roundReference && !r.IsDraft, ct);
            if (round is null)
            {
                return FeatureResult<int>.Fail(new NotFound("funding round"));
            }
            var now = clock.GetUtcNow();
            if (now < round.OpensAt)
            {
                return FeatureResult<int>.Fail(new RoundNotOpen(round.OpensAt));
            }
            if (now >= round.ClosesAt)
            {
                return FeatureResult<int>.Fail(new DeadlinePassed(round.ClosesAt, Extended: false));
            }
            if (round.InterestClosesAt is { } interestCloses)
            {
                // An invited organisation's case is already its draft (the invitation made it one): no new full application starts here.
                return FeatureResult<int>.Fail(new InvitationNeeded(round.Title, now < interestCloses));
            }
            if (RoundEligibility.Check(round, await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == orgId, ct)) is { } notEligible)
            {
                return FeatureResult<int>.Fail(notEligible);
            }
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                var application = new GrantApplication
                {
                    ApplicationReference = "NEW-" + Guid.NewGuid().ToString("N"), RoundId = round.Id, OrganisationId = orgId,
                    CreatedByUserId = actor.UserId, ProjectTitle = "", CreatedAt = now, UpdatedAt = now,
                };
                workflow.Start(application, actor);
                db.Applications.Add(application);
                await db.SaveChangesAsync(ct);
                application.ApplicationReference = string.Create(CultureInfo.InvariantCulture,
                    $"{round.Fund!.Code}-{UkTime.ToUk(now).Year}-{application.Id:D5}");
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return FeatureResult<int>.Ok(application.Id);
            }
        }
    }

    /// <summary>The application, or null when it does not exist or the actor is not a member of its organisation.</summary>
    public async Task<ApplicationView?> GetAsync(int applicationId, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var application = await LoadAsync(db, applicationId, actor, ct);
            if (application is null)
            {
                return null;
            }
            var priorities = await AllPriorities.For(db)(db).ToListAsync(ct);
            return ToView(application, priorities);
        }
    }

    private ApplicationView ToView(GrantApplication a, IReadOnlyList<NationalPriority> priorities)
    {
        var round = a.Round!;
        var deadline = Deadlines.For(round.ClosesAt, a.DeadlineExtendedTo);
        var now = clock.GetUtcNow();
        var shares = a.Objectives.ToDictionary(o => o.ObjectiveId, o => o.SharePercent);
        var selected = a.NationalPriorities.Select(p => p.Id).ToHashSet();
        return new ApplicationView(
            a.Id, a.ApplicationReference, a.State, a.OrganisationId, a.Organisation!.Name, round.Reference, round.Title, round.UsesShortForm,
            round.MinAward, round.MaxAward, round.ClosesAt, deadline, deadline > round.ClosesAt, now >= round.OpensAt && now < deadline,
            a.ProjectTitle, a.Summary, a.AmountRequested, a.ProjectStart, a.ProjectEnd, a.Beneficiaries, a.BeneficiaryCount, a.AreaServed,
            a.DeclarationsAccepted, a.UpdatedAt, a.SubmittedAt,
            a.BudgetLines.OrderBy(l => l.Order).Select(l => new BudgetLineView(l.Description, l.Category, new Money(l.AmountPence))).ToList(),
            round.Objectives.OrderBy(o => o.Number).Select(o => new ObjectiveOption(o.Id, o.Number, o.Title, shares.GetValueOrDefault(o.Id))).ToList(),
            priorities.Select(p => new PriorityOption(p.Id, p.Title, selected.Contains(p.Id))).ToList(),
            a.Indicators.Select(i => new IndicatorView(i.Name, i.Unit, i.Target, i.ObjectiveId)).ToList(),
            ApplicationRules.Check(a, round));
    }
}
