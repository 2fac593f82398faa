using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

public sealed record CarryForwardRow(int Id, FinancialYear From, Money Amount, CarryForwardTo Destination, string Reason, string DecidedBy, DateTimeOffset DecidedAt);

public sealed record VirementRow(int Id, string FromFund, string ToFund, FinancialYear Year, Money Amount, string Reason, VirementStatus Status,
    string RequestedBy, string RequestedByUserId, DateTimeOffset RequestedAt, string? DecidedBy, string? DecisionNote);

/// <summary>
/// Moving budget, each move a recorded and audited decision: at year end a fund's underspend goes into next year's
/// budget or to reserves; during a year, finance asks to vire budget between funds and the Chief Finance Officer (a
/// decision maker other than the person who asked) approves or refuses. Only uncommitted budget moves; ring-fenced
/// money never leaves its fund by virement.
/// </summary>
public sealed class BudgetMovements(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock,
    IValidator<CarryForwardInput> carryRules, IValidator<VirementInput> virementRules)
{
    public const string CarriedForwardAction = "Fund.UnderspendCarriedForward";
    public const string VirementRequestedAction = "Fund.VirementRequested";
    public const string VirementDecidedAction = "Fund.VirementDecided";

    public static bool MayDecideVirement(Actor actor) => actor is not null && actor.IsInRole(Roles.DecisionMaker);

    public async Task<FeatureResult<int>> CarryForwardAsync(int fundId, CarryForwardInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Finance) && !actor.IsInRole(Roles.DecisionMaker))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("the finance team or the Chief Finance Officer", "record a year-end decision"));
        }
        var validation = await carryRules.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        var year = FinancialYear.Parse(input.Year!);
        var amount = BudgetMovementRules.Pounds(input.Amount);
        if (UkTime.ToUkDate(clock.GetUtcNow()) <= year.End)
        {
            return FeatureResult<int>.Fail(new YearNotEnded(year.ToString(), year.End));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var fund = await db.Funds.FirstOrDefaultAsync(f => f.Id == fundId, ct);
            if (fund is null)
            {
                return FeatureResult<int>.Fail(new NotFound("fund"));
            }
            var available = await FundCommitments.UncommittedAsync(db, fundId, year, ct);
            if (amount > available)
            {
                return FeatureResult<int>.Fail(new MoreThanUncommitted(fund.Name, year.ToString(), amount, available));
            }
            var decision = new CarryForward
            {
                FundId = fundId, FromYearStart = year.StartYear, AmountPence = amount.Pence, Destination = input.Destination!.Value, Reason = input.Reason!.Trim(),
                DecidedByUserId = actor.UserId, DecidedByName = actor.DisplayName, DecidedAt = clock.GetUtcNow(),
            };
            db.Add(decision);
            if (decision.Destination == CarryForwardTo.NextYearBudget)
            {
                await AddToBudgetAsync(db, fundId, year.Next, amount, ct);
            }
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, CarriedForwardAction, nameof(Fund), fundId.ToString(CultureInfo.InvariantCulture), null,
                new { from = year.ToString(), amountPence = amount.Pence, to = decision.Destination.ToString(), reason = decision.Reason }, ct);
            return FeatureResult<int>.Ok(decision.Id);
        }, ct);
    }

    public async Task<FeatureResult<int>> RequestVirementAsync(int fromFundId, VirementInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Finance))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("the finance team", "ask for a virement"));
        }
        var validation = await virementRules.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        if (input.ToFundId == fromFundId)
        {
            return FeatureResult<int>.Fail(new NothingChosen("a different fund to move the budget to", nameof(VirementInput.ToFundId)));
        }
        var year = FinancialYear.Parse(input.Year!);
        var amount = BudgetMovementRules.Pounds(input.Amount);
        return await factory.InTransactionAsync(async db =>
        {
            var funds = await db.Funds.Where(f => f.Id == fromFundId || f.Id == input.ToFundId).ToDictionaryAsync(f => f.Id, ct);
            if (funds.Count != 2)
            {
                return FeatureResult<int>.Fail(new NotFound("fund"));
            }
            var from = funds[fromFundId];
            if (from.IsRingFenced)
            {
                return FeatureResult<int>.Fail(new RingFenced(from.Name));
            }
            var available = await FundCommitments.UncommittedAsync(db, fromFundId, year, ct);
            if (amount > available)
            {
                return FeatureResult<int>.Fail(new MoreThanUncommitted(from.Name, year.ToString(), amount, available));
            }
            var virement = new Virement
            {
                FromFundId = fromFundId, ToFundId = input.ToFundId!.Value, YearStart = year.StartYear, AmountPence = amount.Pence, Reason = input.Reason!.Trim(),
                RequestedByUserId = actor.UserId, RequestedByName = actor.DisplayName, RequestedAt = clock.GetUtcNow(),
            };
            db.Add(virement);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, VirementRequestedAction, nameof(Virement), virement.Id.ToString(CultureInfo.InvariantCulture), null,
                new { from = from.Code, to = funds[virement.ToFundId].Code, year = year.ToString(), amountPence = amount.Pence, reason = virement.Reason }, ct);
            return FeatureResult<int>.Ok(virement.Id);
        }, ct);
    }

    /// <summary>The Chief Finance Officer's decision on a requested virement; approving moves the budget between the two funds' year.</summary>
    public async Task<FeatureResult<int>> DecideVirementAsync(int virementId, bool approve, string? note, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayDecideVirement(actor))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("the Chief Finance Officer", "approve or refuse a virement"));
        }
        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return FeatureResult<int>.Fail(new ReasonNeeded("Say why the virement is refused.", "DecisionNote"));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var v = await db.Set<Virement>().FirstOrDefaultAsync(x => x.Id == virementId, ct);
            if (v is null)
            {
                return FeatureResult<int>.Fail(new NotFound("virement"));
            }
            if (v.Status != VirementStatus.Requested)
            {
                return FeatureResult<int>.Fail(new NoLongerPossible("virement", "decided", $"it was {v.Status.ToString().ToLowerInvariant()} by {v.DecidedByName}"));
            }
            if (v.RequestedByUserId == actor.UserId)
            {
                return FeatureResult<int>.Fail(new NotAllowed("decide a virement you asked for yourself (segregation of duties)"));
            }
            var year = new FinancialYear(v.YearStart);
            if (approve)
            {
                var available = await FundCommitments.UncommittedAsync(db, v.FromFundId, year, ct);
                if (v.AmountPence > available.Pence)
                {
                    var name = await db.Funds.Where(f => f.Id == v.FromFundId).Select(f => f.Name).FirstAsync(ct);
                    return FeatureResult<int>.Fail(new MoreThanUncommitted(name, year.ToString(), new Money(v.AmountPence), available));
                }
                await AddToBudgetAsync(db, v.FromFundId, year, new Money(-v.AmountPence), ct);
                await AddToBudgetAsync(db, v.ToFundId, year, new Money(v.AmountPence), ct);
            }
            v.Status = approve ? VirementStatus.Approved : VirementStatus.Refused;
            (v.DecidedByUserId, v.DecidedByName, v.DecidedAt, v.DecisionNote) = (actor.UserId, actor.DisplayName, clock.GetUtcNow(), string.IsNullOrWhiteSpace(note) ? null : note.Trim());
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, VirementDecidedAction, nameof(Virement), v.Id.ToString(CultureInfo.InvariantCulture), new { status = nameof(VirementStatus.Requested) },
                new { status = v.Status.ToString(), note = v.DecisionNote, amountPence = v.AmountPence, year = year.ToString() }, ct);
            return FeatureResult<int>.Ok(v.Id);
        }, ct);
    }

    public async Task<IReadOnlyList<CarryForwardRow>> CarryForwardsAsync(int fundId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Set<CarryForward>().AsNoTracking().Where(c => c.FundId == fundId).OrderByDescending(c => c.FromYearStart).ThenBy(c => c.Id).ToListAsync(ct);
        return rows.Select(c => new CarryForwardRow(c.Id, new FinancialYear(c.FromYearStart), new Money(c.AmountPence), c.Destination, c.Reason, c.DecidedByName, c.DecidedAt)).ToList();
    }

    /// <summary>Virements into or out of a fund (null: every fund), newest first.</summary>
    public async Task<IReadOnlyList<VirementRow>> VirementsAsync(int? fundId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var names = await db.Funds.ToDictionaryAsync(f => f.Id, f => f.Name, ct);
        var rows = await db.Set<Virement>().AsNoTracking().Where(v => fundId == null || v.FromFundId == fundId || v.ToFundId == fundId)
            .OrderByDescending(v => v.Id).ToListAsync(ct);
        return rows.Select(v => new VirementRow(v.Id, names[v.FromFundId], names[v.ToFundId], new FinancialYear(v.YearStart), new Money(v.AmountPence), v.Reason, v.Status,
            v.RequestedByName, v.RequestedByUserId, v.RequestedAt, v.DecidedByName, v.DecisionNote)).ToList();
    }

    private static async Task AddToBudgetAsync(GrantsDbContext db, int fundId, FinancialYear year, Money amount, CancellationToken ct)
    {
        var budget = await db.FundBudgets.FirstOrDefaultAsync(b => b.FundId == fundId && b.FinancialYearStart == year.StartYear, ct);
        if (budget is null)
        {
            db.FundBudgets.Add(new FundBudget { FundId = fundId, FinancialYearStart = year.StartYear, AmountPence = amount.Pence });
        }
        else
        {
            budget.AmountPence += amount.Pence;
        }
    }
}
