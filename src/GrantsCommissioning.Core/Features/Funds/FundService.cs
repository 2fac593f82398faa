using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>Funds and their budgets per financial year, kept by administrators and the finance team; every change audited.</summary>
public sealed class FundService(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, IValidator<FundInput> fundRules, IValidator<BudgetInput> budgetRules)
{
    public const string SavedAction = "Fund.Saved";
    public const string BudgetSetAction = "Fund.BudgetSet";

    public static bool MayChange(Actor actor) => actor is not null && (actor.IsInRole(Roles.Finance) || actor.IsInRole(Roles.Administrator));

    public async Task<IReadOnlyList<FundRow>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Funds.AsNoTracking().OrderBy(f => f.Name)
            .Select(f => new FundRow(f.Id, f.Code, f.Name, f.SeniorResponsibleOfficer, f.FundingSource, f.IsRingFenced, f.AllocatesByTable, f.CapPercent))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The plan an allocation table for <paramref name="year"/> serves and its objectives ("Objective 2 – To reduce…"): the
    /// plan the Panel's roll-up reports that year against (<see cref="ObjectiveRollUp.PlanInForceAsync"/>: a plan stays in
    /// force until replaced), or null when no plan had started by the year's end.
    /// </summary>
    public async Task<PlanObjectives?> PlanObjectivesAsync(FinancialYear year, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await PlanObjectivesAsync(db, year, ct);
    }

    internal static async Task<PlanObjectives?> PlanObjectivesAsync(GrantsDbContext db, FinancialYear year, CancellationToken ct)
    {
        var plan = await ObjectiveRollUp.PlanInForceAsync(db, year.End, ct);
        if (plan is null)
        {
            return null;
        }
        var objectives = await db.Objectives.AsNoTracking().Where(o => o.PlanId == plan.Id).OrderBy(o => o.Number).ToListAsync(ct);
        return new PlanObjectives(plan.Id, plan.Title, year, plan.PeriodEnd >= year.Start, objectives.Select(o => (o.Id, o.Heading)).ToList());
    }

    public async Task<FundDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var f = await db.Funds.AsNoTracking().Include(x => x.Budgets).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (f is null)
        {
            return null;
        }
        var form = new FundInput
        {
            Code = f.Code, Name = f.Name, Purpose = f.Purpose, SeniorResponsibleOfficer = f.SeniorResponsibleOfficer, SeniorResponsibleOfficerRole = f.SeniorResponsibleOfficerRole,
            FundingSource = f.FundingSource, SourceConditions = f.SourceConditions, IsRingFenced = f.IsRingFenced, AllocatesByTable = f.AllocatesByTable,
            CapPercent = f.CapPercent.ToString(CultureInfo.InvariantCulture), MaxAward = f.MaxAward?.Pounds.ToString("0.00", CultureInfo.InvariantCulture),
        };
        var budgets = f.Budgets.OrderBy(b => b.FinancialYearStart).Select(b => new FundBudgetRow(b.Year, b.Amount)).ToList();
        return new FundDetail(f.Id, form, f.IsSmallFund, budgets, await AllocationTablesAsync(db, id, ct));
    }

    /// <summary>Creates a fund (<paramref name="id"/> null) or changes one; the code stays unique.</summary>
    public async Task<FeatureResult<int>> SaveAsync(int? id, FundInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayChange(actor))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("administrators and the finance team", "create or change funds"));
        }
        var validation = await fundRules.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        var code = input.Code!.Trim().ToUpperInvariant();
        return await factory.InTransactionAsync(async db =>
        {
            if (await db.Funds.AnyAsync(f => f.Code == code && f.Id != (id ?? 0), ct))
            {
                return FeatureResult<int>.Fail(new DuplicateFundCode(code));
            }
            Fund? fund;
            object? before = null;
            if (id is { } existing)
            {
                fund = await db.Funds.FirstOrDefaultAsync(f => f.Id == existing, ct);
                if (fund is null)
                {
                    return FeatureResult<int>.Fail(new NotFound("fund"));
                }
                before = Snapshot(fund);
                fund.Code = code;
            }
            else
            {
                fund = new Fund { Code = code, Name = "", Purpose = "", SeniorResponsibleOfficer = "", SeniorResponsibleOfficerRole = "" };
                db.Funds.Add(fund);
            }
            fund.Name = input.Name!.Trim();
            fund.Purpose = input.Purpose!.Trim();
            fund.SeniorResponsibleOfficer = input.SeniorResponsibleOfficer!.Trim();
            fund.SeniorResponsibleOfficerRole = input.SeniorResponsibleOfficerRole!.Trim();
            fund.FundingSource = input.FundingSource!.Trim();
            fund.SourceConditions = string.IsNullOrWhiteSpace(input.SourceConditions) ? null : input.SourceConditions.Trim();
            fund.IsRingFenced = input.IsRingFenced;
            fund.AllocatesByTable = input.AllocatesByTable;
            fund.CapPercent = FundInputValidator.Cap(input.CapPercent)!.Value;
            fund.MaxAwardPence = Money.TryParse(input.MaxAward, out var max) ? max.Pence : null;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, SavedAction, nameof(Fund), fund.Id.ToString(CultureInfo.InvariantCulture), before, Snapshot(fund), ct);
            return FeatureResult<int>.Ok(fund.Id);
        }, ct, () => FeatureResult<int>.Fail(new DuplicateFundCode(code)));
    }

    /// <summary>Sets a fund's budget for a financial year (adding the year, or changing its figure), audited with the old figure.</summary>
    public async Task<FeatureResult<int>> SetBudgetAsync(int fundId, BudgetInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!MayChange(actor))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("administrators and the finance team", "set fund budgets"));
        }
        var validation = await budgetRules.ValidateAsync(input, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<int>.Invalid(validation);
        }
        var year = FinancialYear.Parse(input.Year!);
        var amount = BudgetMovementRules.Pounds(input.Amount);
        return await factory.InTransactionAsync(async db =>
        {
            if (!await db.Funds.AnyAsync(f => f.Id == fundId, ct))
            {
                return FeatureResult<int>.Fail(new NotFound("fund"));
            }
            var budget = await db.FundBudgets.FirstOrDefaultAsync(b => b.FundId == fundId && b.FinancialYearStart == year.StartYear, ct);
            var before = budget?.AmountPence;
            if (budget is null)
            {
                budget = new FundBudget { FundId = fundId, FinancialYearStart = year.StartYear };
                db.FundBudgets.Add(budget);
            }
            budget.AmountPence = amount.Pence;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, BudgetSetAction, nameof(Fund), fundId.ToString(CultureInfo.InvariantCulture),
                before is null ? null : new { year = year.ToString(), budgetPence = before }, new { year = year.ToString(), budgetPence = amount.Pence }, ct);
            return FeatureResult<int>.Ok(budget.Id);
        }, ct);
    }

    internal static async Task<IReadOnlyList<AllocationTableRow>> AllocationTablesAsync(GrantsDbContext db, int fundId, CancellationToken ct)
    {
        var tables = await db.Set<AllocationTable>().AsNoTracking().Include(t => t.Lines).Where(t => t.FundId == fundId)
            .OrderByDescending(t => t.FinancialYearStart).ToListAsync(ct);
        var awardIds = tables.SelectMany(t => t.Lines).Select(l => l.AwardId).ToList();
        var references = await db.Awards.Where(a => awardIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.AwardReference, ct);
        var rows = new List<AllocationTableRow>();
        foreach (var t in tables)
        {
            var year = new FinancialYear(t.FinancialYearStart);
            var released = await ReserveReleasedAsync(db, fundId, year, ct);
            rows.Add(new AllocationTableRow(t.Id, year, t.FileName, t.ImportedAt, t.ImportedByName, new Money(t.AllocatedPence), new Money(t.ReservePence), released,
                t.Lines.OrderBy(l => l.Row).Select(l => new AllocationAward(l.Row, l.Partner, l.AwardId, references[l.AwardId], new Money(l.AmountPence))).ToList()));
        }
        return rows;
    }

    /// <summary>
    /// What the reserve has released: awards on the fund from business-case applications (an award with an application),
    /// committed in the year. Passported awards have no application, so they never draw on the reserve.
    /// </summary>
    internal static async Task<Money> ReserveReleasedAsync(GrantsDbContext db, int fundId, FinancialYear year, CancellationToken ct) =>
        new(await (from s in db.AwardYearSplits
                   join a in db.Awards on s.AwardId equals a.Id
                   where a.FundId == fundId && a.ApplicationId != null && s.FinancialYearStart == year.StartYear && a.State != AwardStates.Terminated
                   select (long?)s.AmountPence).SumAsync(ct) ?? 0);

    private static object Snapshot(Fund f) => new
    {
        f.Code, f.Name, f.Purpose, f.SeniorResponsibleOfficer, f.SeniorResponsibleOfficerRole, f.FundingSource, f.SourceConditions,
        f.IsRingFenced, f.AllocatesByTable, f.CapPercent, f.MaxAwardPence,
    };
}
