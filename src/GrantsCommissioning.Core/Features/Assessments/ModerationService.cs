using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// Moderation and ranking. When the assessors' weighted totals on an application differ by more than the round's
/// threshold, an officer records the agreed score and the reason; the round's ranking then orders applications by
/// that score (or the assessors' average), with the cumulative amount requested drawn against the round's budget.
/// </summary>
public sealed class ModerationService(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, WorkflowLabels labels, TimeProvider clock)
{
    /// <summary>Applications that can still be ranked for funding (not drafts, not withdrawn, refused or declined).</summary>
    private static readonly string[] Unranked = [ApplicationStates.Draft, ApplicationStates.Withdrawn, ApplicationStates.Rejected, ApplicationStates.OfferDeclined];

    public async Task<ModerationView?> GetAsync(int applicationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var app = await db.Applications.AsNoTracking().Include(a => a.Organisation).Include(a => a.Round).ThenInclude(r => r!.Criteria)
            .Include(a => a.Assessments).ThenInclude(s => s.Scores).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        if (app is null)
        {
            return null;
        }
        var criteria = app.Round!.Criteria.OrderBy(c => c.Order).ToList();
        var byId = criteria.ToDictionary(c => c.Id);
        var totals = AssignmentService.CompletedTotals(app.Assessments, byId);
        var moderation = await db.Set<Moderation>().AsNoTracking().FirstOrDefaultAsync(m => m.ApplicationId == applicationId, ct);
        var assessors = app.Assessments.Where(s => s.IsActive && s.CompletedAt != null).OrderBy(s => s.Id)
            .Select(s => new ModerationAssessor(s.AssessorName, AssessmentScoring.WeightedTotal(s, byId), s.Recommendation, s.Comments,
                criteria.Select(c => AssessorService.Line(c, s.Scores.FirstOrDefault(x => x.CriterionId == c.Id))).ToList())).ToList();
        return new ModerationView(app.Id, app.ApplicationReference, app.ProjectTitle, app.Organisation!.Name, app.RoundId, app.Round.Title,
            app.Round.DivergenceThresholdPercent, AssessmentScoring.Spread(totals), AssessmentScoring.Diverges(totals, app.Round.DivergenceThresholdPercent),
            assessors, moderation?.Score, moderation?.Reason, moderation?.ModeratedByName, moderation?.ModeratedAt);
    }

    /// <summary>
    /// Every completed assessment in a round (not those returned or declared a conflict), one row per criterion scored:
    /// the scores and recommendation only, never the application's equality monitoring answers. Null for no such round.
    /// </summary>
    public async Task<IReadOnlyList<RoundScoreLine>?> RoundScoresAsync(int roundId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null)
        {
            return null;
        }
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        var assessments = await CompletedInRound(db, roundId).AsNoTracking().Include(s => s.Scores).Include(s => s.Application).ThenInclude(a => a!.Organisation)
            .AsSplitQuery().ToListAsync(ct);
        return assessments.OrderBy(s => s.Application!.ApplicationReference, StringComparer.Ordinal).ThenBy(s => s.Id)
            .SelectMany(s => criteria.Select(c => new RoundScoreLine(s.Application!.ApplicationReference, s.Application.Organisation!.Name, s.AssessorName,
                UkTime.ToUkDate(s.CompletedAt!.Value), c.Order, c.Title, c.WeightPercent, s.Scores.FirstOrDefault(x => x.CriterionId == c.Id)?.Score, c.MaxScore,
                s.Recommendation)))
            .ToList();
    }

    /// <summary>The round's assessments that count: completed, not returned, not declared a conflict (the download and the table read the same).</summary>
    private static IQueryable<Assessment> CompletedInRound(GrantsDbContext db, int roundId) =>
        db.Assessments.Where(s => s.Application!.RoundId == roundId && s.CompletedAt != null && s.ReturnedAt == null && s.HasConflict != true);

    /// <summary>
    /// A page of the round's assessment table: each application with at least one completed assessment (not returned, not
    /// declared a conflict), each assessor's score on every criterion, their weighted totals, and the moderated score. Read
    /// from the assessments and moderations only, never the application's answers, so no equality monitoring. Null for no such round.
    /// </summary>
    public async Task<RoundScoreTable?> RoundScoreTableAsync(int roundId, RoundScoreSort sort = RoundScoreSort.Reference, int page = 1, int pageSize = 20,
        CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null)
        {
            return null;
        }
        var criteria = round.Criteria.OrderBy(c => c.Order).ToList();
        var byId = criteria.ToDictionary(c => c.Id);
        var completed = CompletedInRound(db, roundId);
        var apps = await db.Applications.AsNoTracking().Where(a => a.RoundId == roundId && completed.Any(s => s.ApplicationId == a.Id))
            .Select(a => new { a.Id, a.ApplicationReference, Organisation = a.Organisation!.Name, Count = completed.Count(s => s.ApplicationId == a.Id) })
            .ToListAsync(ct);
        var moderated = await db.Set<Moderation>().AsNoTracking().Where(m => m.Application!.RoundId == roundId).ToDictionaryAsync(m => m.ApplicationId, m => m.Score, ct);

        // The ranking score needs every assessment's weighted total, so sorting by score reads the round's scores; the
        // other orders read only the page's.
        async Task<Dictionary<int, List<Assessment>>> AssessmentsOf(IReadOnlyCollection<int> ids) =>
            (await completed.AsNoTracking().Include(s => s.Scores).Where(s => ids.Contains(s.ApplicationId)).OrderBy(s => s.Id).ToListAsync(ct))
            .GroupBy(s => s.ApplicationId).ToDictionary(g => g.Key, g => g.ToList());
        RoundScoreApplication Row(int id, string reference, string organisation, List<Assessment> assessments)
        {
            var assessors = assessments.Select(s => new RoundScoreAssessor(s.AssessorName, UkTime.ToUkDate(s.CompletedAt!.Value),
                criteria.Select(c => s.Scores.FirstOrDefault(x => x.CriterionId == c.Id)?.Score).ToList(), AssessmentScoring.WeightedTotal(s, byId), s.Recommendation)).ToList();
            var totals = assessors.Where(a => a.Total is not null).Select(a => a.Total!.Value).ToList();
            var mod = moderated.TryGetValue(id, out var m) ? m : (int?)null;
            return new RoundScoreApplication(id, reference, organisation, assessors, AssessmentScoring.RankingScore(totals, null), mod, AssessmentScoring.RankingScore(totals, mod));
        }

        page = Math.Max(1, page);
        List<RoundScoreApplication> rows;
        if (sort == RoundScoreSort.Score)
        {
            var all = await AssessmentsOf(apps.Select(a => a.Id).ToList());
            rows = apps.Select(a => Row(a.Id, a.ApplicationReference, a.Organisation, all[a.Id]))
                .OrderByDescending(r => r.RankingScore ?? -1).ThenBy(r => r.Reference, StringComparer.Ordinal)
                .Skip((page - 1) * pageSize).Take(pageSize).ToList();
        }
        else
        {
            var ordered = sort == RoundScoreSort.Organisation
                ? apps.OrderBy(a => a.Organisation, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.ApplicationReference, StringComparer.Ordinal)
                : apps.OrderBy(a => a.ApplicationReference, StringComparer.Ordinal);
            var slice = ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            var some = await AssessmentsOf(slice.Select(a => a.Id).ToList());
            rows = slice.Select(a => Row(a.Id, a.ApplicationReference, a.Organisation, some[a.Id])).ToList();
        }
        return new RoundScoreTable(round.Id, round.Reference, round.Title,
            criteria.Select(c => new RoundScoreCriterion(c.Order, c.Title, c.WeightPercent, c.MaxScore)).ToList(), rows, apps.Count, apps.Sum(a => a.Count), sort, page, pageSize);
    }

    /// <summary>Records (or revises) the agreed score, 0–100, with a reason; only for an application whose totals diverge.</summary>
    public async Task<FeatureResult<int>> ModerateAsync(int applicationId, ModerationInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("grants officers", "moderate scores"));
        }
        if (!int.TryParse(input.Score, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || score > 100)
        {
            return FeatureResult<int>.Fail(new Refused("Enter the agreed score as a whole number from 0 to 100.", "Score"));
        }
        var reason = (input.Reason ?? "").Trim();
        if (reason.Length is 0 or > 4000)
        {
            return FeatureResult<int>.Fail(new ReasonNeeded("Give the reason for the agreed score: how the assessors' views were reconciled."));
        }
        var view = await GetAsync(applicationId, ct);
        if (view is null)
        {
            return FeatureResult<int>.Fail(new NotFound("application"));
        }
        if (!view.NeedsModeration)
        {
            return FeatureResult<int>.Fail(new ModerationNotNeeded(view.Reference, view.Threshold));
        }
        return await AssessmentWrites.WriteAsync(factory, async db =>
        {
            var existing = await db.Set<Moderation>().FirstOrDefaultAsync(m => m.ApplicationId == applicationId, ct);
            var before = existing is null ? null : new { existing.Score, existing.Reason };
            var moderation = existing ?? db.Add(new Moderation { ApplicationId = applicationId, Reason = "", ModeratedByUserId = "", ModeratedByName = "" }).Entity;
            moderation.Score = score;
            moderation.Reason = reason;
            moderation.ModeratedByUserId = actor.UserId;
            moderation.ModeratedByName = actor.DisplayName;
            moderation.ModeratedAt = clock.GetUtcNow();
            await audit.AppendAsync(db, actor, "assessment.moderated", "Application", view.Reference, before, new { score, reason }, ct);
            return FeatureResult<int>.Ok(applicationId);
        }, () => FeatureResult<int>.Fail(new ChangedMeanwhile("moderation")), ct);
    }

    /// <summary>The round's applications ranked by score (moderated, else the assessors' average), highest first, with the funding line.</summary>
    public async Task<RankingView?> RankingAsync(int roundId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var round = await db.Rounds.AsNoTracking().Include(r => r.Criteria).FirstOrDefaultAsync(r => r.Id == roundId, ct);
        if (round is null)
        {
            return null;
        }
        var apps = await db.Applications.AsNoTracking().Include(a => a.Organisation).Include(a => a.Assessments).ThenInclude(s => s.Scores)
            .Where(a => a.RoundId == roundId && !Unranked.Contains(a.State)).AsSplitQuery().ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var moderations = await db.Set<Moderation>().AsNoTracking().Where(m => ids.Contains(m.ApplicationId)).ToDictionaryAsync(m => m.ApplicationId, m => m.Score, ct);
        var criteria = round.Criteria.ToDictionary(c => c.Id);
        var moves = (await db.Set<FundingLineMove>().AsNoTracking().Where(m => m.RoundId == roundId).ToListAsync(ct))
            .GroupBy(m => m.ApplicationId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Id).Last());
        var scored = apps.Select(a =>
        {
            var totals = AssignmentService.CompletedTotals(a.Assessments, criteria);
            var moderated = moderations.TryGetValue(a.Id, out var m) ? m : (int?)null;
            var needs = AssessmentScoring.Diverges(totals, round.DivergenceThresholdPercent) && moderated is null;
            return (App: a, Totals: totals, Moderated: moderated, Needs: needs, Score: needs ? null : AssessmentScoring.RankingScore(totals, moderated));
        }).OrderByDescending(x => x.Score.HasValue).ThenByDescending(x => x.Score).ThenBy(x => x.App.AmountRequestedPence).ThenBy(x => x.App.ApplicationReference).ToList();
        var rows = new List<RankedApplication>();
        var cumulative = 0L;
        var within = 0L;
        foreach (var x in scored)
        {
            Money? running = null;
            var above = false;
            if (x.Score is not null)
            {
                cumulative += x.App.AmountRequestedPence;
                running = new Money(cumulative);
                above = round.BudgetPence is { } b && cumulative > b;
                within += above ? 0 : x.App.AmountRequestedPence;
            }
            rows.Add(new RankedApplication(rows.Count + 1, x.App.Id, x.App.ApplicationReference, x.App.Organisation!.Name, x.App.ProjectTitle,
                labels.State(CaseKind.Application, x.App.WorkflowVersion, x.App.State), x.App.AmountRequested, x.Score, x.Moderated is not null, x.Needs,
                x.Totals.Count, round.AssessorsPerApplication, running, above,
                moves.TryGetValue(x.App.Id, out var move) ? new FundingLineMoveLine(move.IntoFunding, move.Reason, move.MovedByName, move.MovedAt) : null));
        }
        return new RankingView(round.Id, round.Reference, round.Title, round.Budget, rows, new Money(within), rows.Count(r => r.Score is null));
    }
}
