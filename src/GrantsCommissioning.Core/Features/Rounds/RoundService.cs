using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Rounds;

/// <summary>
/// Officers set up funding rounds: a draft is edited and previewed as the public will see it, then published; a
/// published round's terms are fixed, but it may be closed early or extended, each with a reason in the audit log.
/// Unpublished rounds never appear on the public pages (see <see cref="RoundQueries"/>).
/// </summary>
public sealed class RoundService(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = "FundingRound";
    public const string CreatedAction = "round.created";
    public const string ChangedAction = "round.changed";
    public const string PublishedAction = "round.published";
    public const string ClosedEarlyAction = "round.closed-early";
    public const string ExtendedAction = "round.extended";

    public async Task<IReadOnlyList<FundLimit>> FundsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Name).Select(f => new { f.Code, f.Name, f.MaxAwardPence, f.IsSmallFund }).ToListAsync(ct);
        return funds.Select(f => new FundLimit(f.Code, f.Name, f.MaxAwardPence is { } p ? new Money(p) : null, f.IsSmallFund)).ToList();
    }

    /// <summary>The objectives of the current Police and Crime Plan (the latest), which a round may serve.</summary>
    public async Task<IReadOnlyList<ObjectiveChoice>> ObjectivesAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ObjectivesAsync(db, ct);
    }

    internal static async Task<IReadOnlyList<ObjectiveChoice>> ObjectivesAsync(GrantsDbContext db, CancellationToken ct)
    {
        var objectives = await CurrentPlanObjectives(db).OrderBy(o => o.Number).ToListAsync(ct);
        return objectives.Select(o => new ObjectiveChoice(o.Number, o.Heading)).ToList();
    }

    private static IQueryable<PlanObjective> CurrentPlanObjectives(GrantsDbContext db) =>
        db.Objectives.Where(o => o.PlanId == db.Plans.OrderByDescending(p => p.PeriodStart).ThenByDescending(p => p.Version).Select(p => p.Id).FirstOrDefault());

    public async Task<RoundListPage> ListAsync(RoundListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = clock.GetUtcNow();
        await using var db = await factory.CreateDbContextAsync(ct);
        var all = db.Rounds.AsNoTracking();
        var totals = new Dictionary<RoundPhase, int>
        {
            [RoundPhase.Draft] = await all.CountAsync(r => r.IsDraft, ct),
            [RoundPhase.Scheduled] = await all.CountAsync(r => !r.IsDraft && r.OpensAt > now, ct),
            [RoundPhase.Open] = await all.CountAsync(r => !r.IsDraft && r.OpensAt <= now && r.ClosesAt > now, ct),
            [RoundPhase.Closed] = await all.CountAsync(r => !r.IsDraft && r.ClosesAt <= now, ct),
        };
        var q = query.Phase switch
        {
            RoundPhase.Draft => all.Where(r => r.IsDraft),
            RoundPhase.Scheduled => all.Where(r => !r.IsDraft && r.OpensAt > now),
            RoundPhase.Open => all.Where(r => !r.IsDraft && r.OpensAt <= now && r.ClosesAt > now),
            RoundPhase.Closed => all.Where(r => !r.IsDraft && r.ClosesAt <= now),
            _ => all,
        };
        var count = await q.CountAsync(ct);
        q = query.Sort switch
        {
            RoundSort.ClosesSoonest => q.OrderBy(r => r.ClosesAt).ThenBy(r => r.Id),
            RoundSort.Reference => q.OrderBy(r => r.Reference),
            RoundSort.Title => q.OrderBy(r => r.Title).ThenBy(r => r.Id),
            _ => q.OrderByDescending(r => r.ClosesAt).ThenByDescending(r => r.Id),
        };
        var rows = await q.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 100))
            .Select(r => new
            {
                r.Id, r.Reference, r.Title, Fund = r.Fund!.Name, r.IsDraft, r.OpensAt, r.ClosesAt, r.MaxAwardPence, r.BudgetPence,
                Applications = db.Applications.Count(a => a.RoundId == r.Id),
            })
            .ToListAsync(ct);
        return new RoundListPage(
            rows.Select(r => new RoundListItem(r.Id, r.Reference, r.Title, r.Fund, RoundPhases.Of(r.IsDraft, r.OpensAt, r.ClosesAt, now), r.OpensAt,
                r.ClosesAt, new Money(r.MaxAwardPence), r.BudgetPence is { } b ? new Money(b) : null, r.Applications)).ToList(),
            count, totals);
    }

    public async Task<RoundStaffView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, ct);
        if (r is null)
        {
            return null;
        }
        var applications = await db.Applications.CountAsync(a => a.RoundId == id, ct);
        var key = id.ToString(CultureInfo.InvariantCulture);
        var audit = await db.AuditLog.AsNoTracking().Where(a => a.EntityType == EntityType && a.EntityId == key).OrderBy(a => a.Id).ToListAsync(ct);
        return new RoundStaffView(r.Id, r.Reference, r.Title, r.Fund!.Name, RoundPhases.Of(r.IsDraft, r.OpensAt, r.ClosesAt, clock.GetUtcNow()), r.Purpose,
            r.WhoCanApply, r.OpensAt, r.ClosesAt, r.PublishedAt, r.MinAward, r.MaxAward, r.Budget, r.UsesShortForm,
            TypesOf(r).Select(OrganisationTypes.Describe).ToList(), AreasOf(r), r.EligibilityRules.OrderBy(e => e.Order).Select(e => e.Question).ToList(),
            ScaleOf(r), r.AssessorsPerApplication, r.DivergenceThresholdPercent,
            r.Criteria.OrderBy(c => c.Order).Select(c => new RoundCriterionView(c.Title, c.Guidance, c.WeightPercent)).ToList(), applications,
            audit.Select(a => new RoundHistoryEntry(a.OccurredAt, a.ActorName, Describe(a.Action), AuditTrail.ReasonOf(a.After))).ToList())
        {
            InterestClosesAt = r.InterestClosesAt,
        };
    }

    /// <summary>The round as the public page will show it once published; for the officer's preview of a draft.</summary>
    public async Task<RoundDetail?> PreviewAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, ct);
        return r is null ? null : RoundQueries.ToDetail(r, clock.GetUtcNow());
    }

    /// <summary>A draft's terms as the edit form shows them; null when there is no such round.</summary>
    public async Task<RoundInput?> InputAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var r = await LoadAsync(db, id, ct);
        if (r is null)
        {
            return null;
        }
        var opens = UkTime.ToUk(r.OpensAt);
        var closes = UkTime.ToUk(r.ClosesAt);
        return new RoundInput
        {
            Fund = r.Fund!.Code, Reference = r.Reference, Title = r.Title, Purpose = r.Purpose, WhoCanApply = r.WhoCanApply,
            OpensDate = opens.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), OpensTime = opens.ToString("HH:mm", CultureInfo.InvariantCulture),
            ClosesDate = closes.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ClosesTime = closes.ToString("HH:mm", CultureInfo.InvariantCulture),
            TwoStage = r.IsTwoStage ? "yes" : null,
            InterestClosesDate = r.InterestClosesAt is { } e ? UkTime.ToUk(e).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            InterestClosesTime = r.InterestClosesAt is { } t ? UkTime.ToUk(t).ToString("HH:mm", CultureInfo.InvariantCulture) : "12:00",
            MinAward = r.MinAward.Pounds.ToString("0.##", CultureInfo.InvariantCulture), MaxAward = r.MaxAward.Pounds.ToString("0.##", CultureInfo.InvariantCulture),
            Budget = r.Budget?.Pounds.ToString("0.##", CultureInfo.InvariantCulture), Form = r.UsesShortForm ? "short" : "standard",
            OrganisationTypes = TypesOf(r).Select(t => t.ToString()).ToList(), Areas = AreasOf(r).ToList(),
            Objectives = r.Objectives.OrderBy(o => o.Number).Select(o => o.Number.ToString(CultureInfo.InvariantCulture)).ToList(),
            EligibilityQuestions = string.Join('\n', r.EligibilityRules.OrderBy(e => e.Order).Select(e => e.Question)),
            ScoreScale = ScaleOf(r).ToString(CultureInfo.InvariantCulture),
            AssessorsPerApplication = r.AssessorsPerApplication.ToString(CultureInfo.InvariantCulture),
            DivergenceThreshold = r.DivergenceThresholdPercent.ToString(CultureInfo.InvariantCulture),
            Criteria = r.Criteria.OrderBy(c => c.Order).Select(c => new CriterionInput
            {
                Title = c.Title, Guidance = c.Guidance, Weight = c.WeightPercent.ToString(CultureInfo.InvariantCulture),
            }).ToList(),
        }.WithCriterionRows();
    }

    /// <summary>Saves a new round as a draft; nothing is public until it is published.</summary>
    public async Task<FeatureResult<int>> CreateAsync(RoundInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var validation = RoundRules.Check(input, await FundsAsync(ct), await ObjectivesAsync(ct), out var terms);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        return await WriteAsync(async db =>
        {
            if (await db.Rounds.AnyAsync(r => r.Reference == terms!.Reference, ct))
            {
                return DuplicateReference(terms!.Reference);
            }
            var round = new FundingRound { Reference = "", Title = "", Purpose = "", WhoCanApply = "", IsDraft = true };
            await ApplyAsync(db, round, terms!, ct);
            db.Rounds.Add(round);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, CreatedAction, EntityType, Key(round), null, Snapshot(round), ct);
            return FeatureResult<int>.Ok(round.Id);
        }, ct);
    }

    /// <summary>Changes a draft's terms; a published round's terms are fixed (close early or extend instead).</summary>
    public async Task<FeatureResult<int>> UpdateAsync(int id, RoundInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var validation = RoundRules.Check(input, await FundsAsync(ct), await ObjectivesAsync(ct), out var terms);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        return await ChangeRoundAsync(id, async (db, round) =>
        {
            if (!round.IsDraft)
            {
                return FeatureResult<int>.Fail(new RoundPublished());
            }
            if (await db.Rounds.AnyAsync(r => r.Reference == terms!.Reference && r.Id != id, ct))
            {
                return DuplicateReference(terms!.Reference);
            }
            var before = Snapshot(round);
            db.RemoveRange(round.EligibilityRules);
            db.RemoveRange(round.Criteria);
            round.EligibilityRules.Clear();
            round.Criteria.Clear();
            await ApplyAsync(db, round, terms!, ct);
            await audit.AppendAsync(db, actor, ChangedAction, EntityType, Key(round), before, Snapshot(round), ct);
            return FeatureResult<int>.Ok(id);
        }, ct);
    }

    /// <summary>Publishes a draft: from now on the public pages list it (from its opening time applicants can apply).</summary>
    public async Task<FeatureResult<int>> PublishAsync(int id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return await ChangeRoundAsync(id, async (db, round) =>
        {
            if (!round.IsDraft)
            {
                return FeatureResult<int>.Fail(new RoundAlreadyPublished());
            }
            var now = clock.GetUtcNow();
            if (round.ClosesAt <= now)
            {
                return FeatureResult<int>.Fail(new RoundClosingPassed(round.ClosesAt));
            }
            var weights = round.Criteria.Sum(c => c.WeightPercent);
            if (weights != 100)
            {
                return FeatureResult<int>.Fail(new Refused(RoundRules.WeightsMessage(weights)));
            }
            round.IsDraft = false;
            round.PublishedAt = now;
            await audit.AppendAsync(db, actor, PublishedAction, EntityType, Key(round), null, new { publishedAt = now, round.OpensAt, round.ClosesAt }, ct);
            return FeatureResult<int>.Ok(id);
        }, ct);
    }

    /// <summary>Closes a published round now, before its closing time; the reason is audited.</summary>
    public async Task<FeatureResult<int>> CloseEarlyAsync(int id, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var why = (reason ?? "").Trim();
        if (why.Length == 0)
        {
            return FeatureResult<int>.Fail(new ReasonNeeded("Enter the reason for closing the round early: it is kept in the audit log.", "CloseReason"));
        }
        return await ChangeRoundAsync(id, async (db, round) =>
        {
            var now = clock.GetUtcNow();
            if (round.IsDraft || round.ClosesAt <= now)
            {
                return FeatureResult<int>.Fail(new RoundNotClosable(round.IsDraft));
            }
            var before = new { round.ClosesAt };
            round.ClosesAt = now;
            if (round.InterestClosesAt > now)
            {
                round.InterestClosesAt = now;
            }
            if (round.OpensAt > now)
            {
                round.OpensAt = now;
            }
            await audit.AppendAsync(db, actor, ClosedEarlyAction, EntityType, Key(round), before, new { round.ClosesAt, reason = why }, ct);
            return FeatureResult<int>.Ok(id);
        }, ct);
    }

    /// <summary>Moves a published round's closing time later (also reopening a closed round); the reason is audited.</summary>
    public async Task<FeatureResult<int>> ExtendAsync(int id, RoundDeadlineInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var validation = RoundRules.CheckDeadline(input, out var closesAt, out var why);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        return await ChangeRoundAsync(id, async (db, round) =>
        {
            if (round.IsDraft)
            {
                return FeatureResult<int>.Fail(new DraftRoundNotExtendable());
            }
            if (closesAt <= round.ClosesAt || closesAt <= clock.GetUtcNow())
            {
                return FeatureResult<int>.Fail(new ExtensionTooEarly(round.ClosesAt));
            }
            var before = new { round.ClosesAt };
            round.ClosesAt = closesAt;
            await audit.AppendAsync(db, actor, ExtendedAction, EntityType, Key(round), before, new { round.ClosesAt, reason = why }, ct);
            return FeatureResult<int>.Ok(id);
        }, ct);
    }

    internal static async Task ApplyAsync(GrantsDbContext db, FundingRound round, RoundTerms terms, CancellationToken ct)
    {
        round.Fund = await db.Funds.SingleAsync(f => f.Code == terms.FundCode, ct);
        round.Reference = terms.Reference;
        round.Title = terms.Title;
        round.Purpose = terms.Purpose;
        round.WhoCanApply = terms.WhoCanApply;
        round.OpensAt = terms.OpensAt;
        round.ClosesAt = terms.ClosesAt;
        round.InterestClosesAt = terms.InterestClosesAt;
        round.MinAwardPence = terms.MinAward.Pence;
        round.MaxAwardPence = terms.MaxAward.Pence;
        round.BudgetPence = terms.Budget.Pence;
        round.UsesShortForm = terms.ShortForm;
        round.EligibleOrganisationTypes = string.Join(',', terms.OrganisationTypes);
        round.EligibleAreas = string.Join('|', terms.Areas);
        round.AssessorsPerApplication = terms.AssessorsPerApplication;
        round.DivergenceThresholdPercent = terms.DivergenceThreshold;
        var numbers = terms.ObjectiveNumbers.ToList();
        round.Objectives.Clear();
        round.Objectives.AddRange(await CurrentPlanObjectives(db).Where(o => numbers.Contains(o.Number)).ToListAsync(ct));
        var order = 0;
        round.EligibilityRules.AddRange(terms.EligibilityQuestions.Select(q => new EligibilityRule
        {
            Order = ++order, Question = q, RequiredAnswer = true, FailureMessage = $"This round is only for applicants who can answer yes to: {q}",
        }));
        order = 0;
        round.Criteria.AddRange(terms.Criteria.Select(c => new AssessmentCriterion
        {
            Order = ++order, Title = c.Title, Guidance = c.Guidance, WeightPercent = c.Weight, MaxScore = terms.ScoreScale,
        }));
    }

    private static Task<FundingRound?> LoadAsync(GrantsDbContext db, int id, CancellationToken ct, bool tracked = false)
    {
        var q = db.Rounds.Include(x => x.Fund).Include(x => x.EligibilityRules).Include(x => x.Criteria).Include(x => x.Objectives).AsSplitQuery();
        return (tracked ? q : q.AsNoTracking()).FirstOrDefaultAsync(x => x.Id == id, ct);
    }

    /// <summary>Loads the round for change inside <see cref="WriteAsync"/>; "not found" when there is none.</summary>
    private Task<FeatureResult<int>> ChangeRoundAsync(int id, Func<GrantsDbContext, FundingRound, Task<FeatureResult<int>>> change, CancellationToken ct) =>
        WriteAsync(async db => await LoadAsync(db, id, ct, tracked: true) is { } round ? await change(db, round) : RoundNotFound(), ct);

    private Task<FeatureResult<int>> WriteAsync(Func<GrantsDbContext, Task<FeatureResult<int>>> change, CancellationToken ct) =>
        factory.InTransactionAsync(change, ct, () => FeatureResult<int>.Fail(new RoundChangedMeanwhile()));

    private static IReadOnlyList<OrganisationType> TypesOf(FundingRound r) => RoundEligibility.TypesOf(r);

    private static IReadOnlyList<string> AreasOf(FundingRound r) => RoundEligibility.AreasOf(r);

    private static int ScaleOf(FundingRound r) => r.Criteria.Select(c => c.MaxScore).DefaultIfEmpty(5).Max();

    private static string Key(FundingRound r) => r.Id.ToString(CultureInfo.InvariantCulture);

    private static FeatureResult<int> RoundNotFound() => FeatureResult<int>.Fail(new NotFound("funding round"));

    private static FeatureResult<int> DuplicateReference(string reference) =>
        FeatureResult<int>.Fail(new DuplicateRoundReference(reference));

    private static object Snapshot(FundingRound r) => new
    {
        r.Reference, r.Title, fund = r.Fund?.Code, r.OpensAt, r.InterestClosesAt, r.ClosesAt, r.MinAwardPence, r.MaxAwardPence, r.BudgetPence, r.UsesShortForm,
        r.EligibleOrganisationTypes, r.EligibleAreas, r.AssessorsPerApplication, r.DivergenceThresholdPercent,
        criteria = r.Criteria.OrderBy(c => c.Order).Select(c => new { c.Title, c.WeightPercent, c.MaxScore }),
        eligibility = r.EligibilityRules.OrderBy(e => e.Order).Select(e => e.Question),
    };

    private static string Describe(string action) => action switch
    {
        CreatedAction => "Created as a draft",
        ChangedAction => "Draft changed",
        PublishedAction => "Published",
        ClosedEarlyAction => "Closed early",
        ExtendedAction => "Closing time extended",
        _ => action,
    };
}
