using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// Officers assign assessors from the assessor pool to a round's applications (one or many at once), seeing each
/// assessor's open workload; an assessor with an out-of-date register of interests, or whose register names the
/// applicant, cannot be assigned. Each application gets as many active assessors as its round asks for.
/// </summary>
public sealed class AssignmentService(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, IOutbox outbox, WorkflowLabels labels, TimeProvider clock)
{
    public const string AssignedTemplate = "assessment-assigned";
    public const int DefaultDueDays = 14;

    private static readonly string[] Assignable = [ApplicationStates.EligibilityCheck, ApplicationStates.Assessment];

    public DateOnly DefaultDueDate => UkTime.ToUkDate(clock.GetUtcNow()).AddDays(DefaultDueDays);

    public async Task<RoundAssignmentView?> RoundAsync(int roundId, RoundApplicationSort sort, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null)
        {
            return null;
        }
        var all = db.Applications.AsNoTracking().Where(a => a.RoundId == roundId && a.State != ApplicationStates.Draft);
        var total = await all.CountAsync(ct);
        var needing = await all.CountAsync(a => Assignable.Contains(a.State)
            && a.Assessments.Count(s => s.ReturnedAt == null && s.HasConflict != true) < round.AssessorsPerApplication, ct);
        var ordered = sort switch
        {
            RoundApplicationSort.Organisation => all.OrderBy(a => a.Organisation!.Name).ThenBy(a => a.Id),
            RoundApplicationSort.State => all.OrderBy(a => a.State).ThenBy(a => a.ApplicationReference),
            _ => all.OrderBy(a => a.ApplicationReference),
        };
        var apps = await ordered.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 100))
            .Include(a => a.Organisation).Include(a => a.Assessments).ThenInclude(s => s.Scores).AsSplitQuery().ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var moderated = await db.Set<Moderation>().Where(m => ids.Contains(m.ApplicationId)).Select(m => m.ApplicationId).ToListAsync(ct);
        var criteria = round.Criteria.ToDictionary(c => c.Id);
        var lines = apps.Select(a =>
        {
            var totals = CompletedTotals(a.Assessments, criteria);
            return new RoundApplicationLine(a.Id, a.ApplicationReference, a.ProjectTitle, a.Organisation!.Name, labels.State(CaseKind.Application, a.WorkflowVersion, a.State),
                a.AmountRequested, Assignable.Contains(a.State), a.Assessments.Count(s => s.IsActive),
                a.Assessments.OrderBy(s => s.Id).Select(s => new AssignmentLine(s.Id, s.AssessorName, AssignmentStates.Of(s), s.DueDate,
                    AssessmentScoring.WeightedTotal(s, criteria), s.ReturnReason ?? (s.HasConflict == true ? s.ConflictDetails : null))).ToList(),
                AssessmentScoring.Diverges(totals, round.DivergenceThresholdPercent) && !moderated.Contains(a.Id));
        }).ToList();
        return new RoundAssignmentView(round.Id, round.Reference, round.Title, round.AssessorsPerApplication, round.DivergenceThresholdPercent, lines, total, needing,
            await PoolAsync(db, ct));
    }

    /// <summary>Every assessor with their open assignments (not returned, not recused, not yet scored) and how many are overdue.</summary>
    public async Task<IReadOnlyList<AssessorLoad>> PoolAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await PoolAsync(db, ct);
    }

    private async Task<IReadOnlyList<AssessorLoad>> PoolAsync(GrantsDbContext db, CancellationToken ct)
    {
        var today = UkTime.ToUkDate(clock.GetUtcNow());
        var assessors = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            join u in db.Users on ur.UserId equals u.Id
            where r.Name == Roles.Assessor && !u.IsDisabled
            orderby u.DisplayName
            select new { u.Id, u.DisplayName }).ToListAsync(ct);
        var open = await db.Assessments.AsNoTracking().Where(s => s.ReturnedAt == null && s.HasConflict != true && s.CompletedAt == null)
            .Select(s => new { s.AssessorUserId, s.DueDate }).ToListAsync(ct);
        var registers = await db.Set<InterestRegister>().AsNoTracking().ToDictionaryAsync(r => r.UserId, ct);
        var now = clock.GetUtcNow();
        return assessors.Select(a =>
        {
            registers.TryGetValue(a.Id, out var register);
            var mine = open.Where(o => o.AssessorUserId == a.Id).ToList();
            return new AssessorLoad(a.Id, a.DisplayName, mine.Count, mine.Count(o => o.DueDate < today), register?.ExpiresAt, register?.IsCurrentAt(now) == true);
        }).ToList();
    }

    /// <summary>
    /// Assigns one assessor to each ticked application, or to none: every refusal (register out of date, a registered
    /// interest, the round's number reached, already given it) changes nothing. Assigning again what is already assigned
    /// is a no-op, so a repeated post does no harm. Returns how many were newly assigned.
    /// </summary>
    public async Task<FeatureResult<int>> AssignAsync(int roundId, AssignInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("grants officers", "assign assessors"));
        }
        if (input.ApplicationIds.Count == 0)
        {
            return FeatureResult<int>.Fail(new NothingChosen("at least one application to assign", "ApplicationIds"));
        }
        if (string.IsNullOrWhiteSpace(input.AssessorUserId))
        {
            return FeatureResult<int>.Fail(new NothingChosen("the assessor to assign", "AssessorUserId"));
        }
        var today = UkTime.ToUkDate(clock.GetUtcNow());
        if (!DateOnly.TryParseExact(input.DueDate ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due) || due < today)
        {
            return FeatureResult<int>.Fail(new Refused("Enter the date the scores are due, today or later.", "DueDate"));
        }
        return await AssessmentWrites.WriteAsync(factory, async db =>
        {
            var pool = await PoolAsync(db, ct);
            var assessor = pool.FirstOrDefault(p => p.UserId == input.AssessorUserId);
            if (assessor is null)
            {
                return FeatureResult<int>.Fail(new NothingChosen("an assessor from the list", "AssessorUserId"));
            }
            var register = await db.Set<InterestRegister>().Include(r => r.Interests).FirstOrDefaultAsync(r => r.UserId == assessor.UserId, ct);
            if (register is null || !register.IsCurrentAt(clock.GetUtcNow()))
            {
                return FeatureResult<int>.Fail(new InterestsNotCurrent(assessor.Name, register?.ExpiresAt is { } e ? UkTime.ToUkDate(e).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")) : null));
            }
            var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Id == roundId, ct);
            var ids = input.ApplicationIds.Distinct().ToList();
            var apps = await db.Applications.Include(a => a.Organisation).Include(a => a.Assessments)
                .Where(a => a.RoundId == roundId && ids.Contains(a.Id)).OrderBy(a => a.ApplicationReference).ToListAsync(ct);
            if (apps.Count != ids.Count)
            {
                return FeatureResult<int>.Fail(new NotFound("application in this round"));
            }
            var added = 0;
            foreach (var app in apps)
            {
                if (Refusal(app, assessor, register, round) is { } refusal)
                {
                    return FeatureResult<int>.Fail(refusal);
                }
                if (app.Assessments.Any(s => s.AssessorUserId == assessor.UserId))
                {
                    continue;
                }
                app.Assessments.Add(new Assessment
                {
                    AssessorUserId = assessor.UserId, AssessorName = assessor.Name, AssignedAt = clock.GetUtcNow(), AssignedByName = actor.DisplayName, DueDate = due,
                });
                await audit.AppendAsync(db, actor, "assessment.assigned", "Application", app.ApplicationReference, null,
                    new { assessor = assessor.Name, due = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, ct);
                await EmailAssessorAsync(db, app, assessor, due, ct);
                added++;
            }
            return FeatureResult<int>.Ok(added);
        }, () => FeatureResult<int>.Fail(new ChangedMeanwhile("round's assignments")), ct);
    }

    private Failure? Refusal(GrantApplication app, AssessorLoad assessor, InterestRegister register, FundingRound round)
    {
        var mine = app.Assessments.FirstOrDefault(s => s.AssessorUserId == assessor.UserId);
        if (mine is not null)
        {
            return mine.IsActive ? null : new AlreadyAssigned(assessor.Name, app.ApplicationReference);
        }
        if (!Assignable.Contains(app.State))
        {
            return new NotBeingAssessed(app.ApplicationReference, labels.State(CaseKind.Application, app.WorkflowVersion, app.State));
        }
        if (app.Assessments.Count(s => s.IsActive) >= round.AssessorsPerApplication)
        {
            return new AssessorsComplete(app.ApplicationReference, round.AssessorsPerApplication);
        }
        return InterestMatcher.Match(register.Interests, app.Organisation!) is { } interest
            ? new InterestRegistered(assessor.Name, interest.OrganisationName, app.ApplicationReference)
            : null;
    }

    private async Task EmailAssessorAsync(GrantsDbContext db, GrantApplication app, AssessorLoad assessor, DateOnly due, CancellationToken ct)
    {
        var email = await db.Users.Where(u => u.Id == assessor.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is null)
        {
            return;
        }
        outbox.Enqueue(db, AssignedTemplate, email, assessor.Name, new Dictionary<string, string>
        {
            ["RecipientName"] = assessor.Name, ["Reference"] = app.ApplicationReference, ["Title"] = app.ProjectTitle,
            ["DueDate"] = due.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")),
        }, $"assessment-assigned:{app.Id}:{assessor.UserId}");
    }

    internal static List<decimal> CompletedTotals(IEnumerable<Assessment> assessments, IReadOnlyDictionary<int, AssessmentCriterion> criteria) =>
        assessments.Where(s => s.IsActive && s.CompletedAt != null)
            .Select(s => AssessmentScoring.WeightedTotal(s, criteria)).OfType<decimal>().ToList();

    /// <summary>
    /// An officer removes an assessor's assignment, with the reason (audited): it stops counting towards the round's
    /// assessors, as a returned one does. Not once the scores are submitted; removing it again changes nothing.
    /// </summary>
    public async Task<FeatureResult<int>> RemoveAsync(int assessmentId, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("grants officers", "remove an assessor's assignment"));
        }
        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 2000)
        {
            return FeatureResult<int>.Fail(new ReasonNeeded("Give the reason for removing the assignment (up to 2,000 characters)."));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var assessment = await db.Assessments.FirstOrDefaultAsync(a => a.Id == assessmentId, ct);
            if (assessment is null)
            {
                return FeatureResult<int>.Fail(new NotFound("assignment"));
            }
            if (assessment.ReturnedAt is not null)
            {
                return FeatureResult<int>.Ok(assessment.ApplicationId);
            }
            if (assessment.CompletedAt is not null)
            {
                return FeatureResult<int>.Fail(new NoLongerPossible("assignment", "removed", $"{assessment.AssessorName} has submitted their scores."));
            }
            (assessment.ReturnedAt, assessment.ReturnReason) = (clock.GetUtcNow(), $"Removed by {actor.DisplayName}: {text}");
            await audit.AppendAsync(db, actor, "Assignment.Removed", nameof(Assessment), assessment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { assessor = assessment.AssessorName, application = assessment.ApplicationId }, new { reason = text }, ct);
            return FeatureResult<int>.Ok(assessment.ApplicationId);
        }, ct);
    }
}
