using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Seeding;

/// <summary>Police and Crime Plans, national priorities and funds: loaded in every environment, skipped where present.</summary>
internal static class ReferenceDataLoader
{
    public static async Task<int> LoadPlanAsync(GrantsDbContext db, SeedFile file, CancellationToken ct)
    {
        var seed = file.Read<PlanSeed>();
        file.Check(seed.PeriodEnd > seed.PeriodStart, "periodEnd must be after periodStart");
        file.Check(seed.Aims.Count > 0 && seed.Objectives.Count > 0, "a plan needs aims and objectives");
        file.Check(seed.Aims.Select(a => a.Number).Distinct().Count() == seed.Aims.Count, "aim numbers must be unique");
        file.Check(seed.Objectives.Select(o => o.Number).Distinct().Count() == seed.Objectives.Count, "objective numbers must be unique");
        if (await db.Plans.AnyAsync(p => p.Code == seed.Code && p.Version == seed.Version, ct))
        {
            return 0;
        }

        var plan = new PoliceAndCrimePlan
        {
            Code = seed.Code, Version = seed.Version, Title = seed.Title, PoliceArea = seed.PoliceArea,
            PeriodStart = seed.PeriodStart, PeriodEnd = seed.PeriodEnd,
        };
        var aims = seed.Aims.ToDictionary(a => a.Number, a => new PlanAim { Number = a.Number, Title = a.Title, Plan = plan });
        plan.Aims.AddRange(aims.Values);
        foreach (var o in seed.Objectives)
        {
            file.Check(aims.TryGetValue(o.Aim, out var aim), $"objective {o.Number} names aim {o.Aim}, which the plan does not have");
            var objective = new PlanObjective { Number = o.Number, Title = o.Title, Aim = aim, Plan = plan };
            var order = 0;
            foreach (var m in o.Measures)
            {
                var measure = new SuccessMeasure
                {
                    Order = ++order, Title = m.Title, IsHeadline = m.Headline, TargetText = m.Target, Baseline = m.Baseline, Footnote = m.Footnote,
                };
                foreach (var r in m.Readings ?? [])
                {
                    var what = $"objective {o.Number}, measure '{m.Title}'";
                    var period = ParsePeriod(file, r.Period, what);
                    measure.Readings.Add(new MeasureReading
                    {
                        FinancialYearStart = period.Year.StartYear, Quarter = period.Number, PeriodTarget = r.PeriodTarget, Actual = r.Actual,
                        Rag = file.Enum<Rag>(r.Rag, what + " RAG"), Comment = r.Comment,
                    });
                }
                objective.Measures.Add(measure);
            }
            plan.Objectives.Add(objective);
        }
        db.Plans.Add(plan);
        await db.SaveChangesAsync(ct);
        return 1;
    }

    public static async Task<int> LoadPrioritiesAsync(GrantsDbContext db, SeedFile file, CancellationToken ct)
    {
        var seed = file.Read<PrioritiesSeed>();
        var objectives = await ObjectivesOfAsync(db, file, seed.PlanCode, ct);
        var existing = await db.NationalPriorities.Select(p => p.Code).ToListAsync(ct);
        var added = 0;
        foreach (var p in seed.Priorities.Where(p => !existing.Contains(p.Code)))
        {
            var priority = new NationalPriority { Code = p.Code, Title = p.Title };
            priority.Metrics.AddRange(p.Metrics.Select(m => new NationalMetric { Name = m.Name, Source = m.Source }));
            foreach (var number in p.Objectives)
            {
                file.Check(objectives.TryGetValue(number, out var objective), $"priority '{p.Code}' maps to objective {number}, which plan {seed.PlanCode} does not have");
                priority.Objectives.Add(objective!);
            }
            db.NationalPriorities.Add(priority);
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    public static async Task<int> LoadFundsAsync(GrantsDbContext db, SeedFile file, CancellationToken ct)
    {
        var seed = file.Read<FundsSeed>();
        var objectives = await ObjectivesOfAsync(db, file, seed.PlanCode, ct);
        var added = 0;
        foreach (var f in seed.Funds)
        {
            var fund = await db.Funds.Include(x => x.Budgets).FirstOrDefaultAsync(x => x.Code == f.Code, ct);
            if (fund is null)
            {
                fund = new Fund
                {
                    Code = f.Code, Name = f.Name, Purpose = f.Purpose, SeniorResponsibleOfficer = f.SeniorResponsibleOfficer,
                    SeniorResponsibleOfficerRole = f.SeniorResponsibleOfficerRole, IsSmallFund = f.IsSmallFund,
                    MaxAwardPence = f.MaxAward is { } max ? file.Pounds(max, $"fund {f.Code} maxAward").Pence : null,
                };
                db.Funds.Add(fund);
                added++;
            }
            AddBudgets(file, fund, f.Budgets);
            foreach (var r in f.Rounds)
            {
                added += await AddRoundAsync(db, file, fund, r, objectives, ct);
            }
        }
        await db.SaveChangesAsync(ct);
        return added;
    }

    internal static void AddBudgets(SeedFile file, Fund fund, IEnumerable<BudgetSeed> budgets)
    {
        foreach (var b in budgets)
        {
            var year = file.Year(b.FinancialYear, $"fund {fund.Code} budget");
            var amount = file.Pounds(b.Amount, $"fund {fund.Code} budget {year}");
            file.Check(amount.Pence > 0, $"fund {fund.Code} budget {year} must be more than £0");
            if (fund.Budgets.All(x => x.FinancialYearStart != year.StartYear))
            {
                fund.Budgets.Add(new FundBudget { FinancialYearStart = year.StartYear, AmountPence = amount.Pence });
            }
        }
    }

    internal static async Task<int> AddRoundAsync(GrantsDbContext db, SeedFile file, Fund fund, RoundSeed r,
        IReadOnlyDictionary<int, PlanObjective> objectives, CancellationToken ct)
    {
        if (await db.Rounds.AnyAsync(x => x.Reference == r.Reference, ct))
        {
            return 0;
        }
        var what = $"round {r.Reference}";
        var round = new FundingRound
        {
            Fund = fund, Reference = r.Reference, Title = r.Title, Purpose = r.Purpose, WhoCanApply = r.WhoCanApply,
            OpensAt = file.Instant(r.OpensAt, what + " opensAt"), ClosesAt = file.Instant(r.ClosesAt, what + " closesAt"),
            MinAwardPence = file.Pounds(r.MinAward, what + " minAward").Pence, MaxAwardPence = file.Pounds(r.MaxAward, what + " maxAward").Pence,
            UsesShortForm = r.ShortForm, AssessorsPerApplication = fund.IsSmallFund ? 1 : 2,
        };
        file.Check(round.ClosesAt > round.OpensAt, $"{what} closes before it opens");
        file.Check(round.MaxAwardPence >= round.MinAwardPence && round.MinAwardPence > 0, $"{what} needs 0 < minAward ≤ maxAward");
        file.Check(fund.MaxAwardPence is null || round.MaxAwardPence <= fund.MaxAwardPence, $"{what} maxAward is above the fund's maximum award");

        var eligibility = r.Eligibility;
        var criteria = r.Criteria;
        if (r.CopyEligibilityAndCriteriaFrom is { } from)
        {
            var source = await db.Rounds.AsNoTracking().Include(x => x.EligibilityRules).Include(x => x.Criteria)
                .FirstOrDefaultAsync(x => x.Reference == from, ct);
            file.Check(source is not null, $"{what} copies from round {from}, which does not exist");
            eligibility ??= source!.EligibilityRules.OrderBy(x => x.Order).Select(x => new EligibilitySeed(x.Question, x.RequiredAnswer, x.FailureMessage)).ToList();
            criteria ??= source!.Criteria.OrderBy(x => x.Order).Select(x => new CriterionSeed(x.Title, x.Guidance, x.WeightPercent)).ToList();
        }
        file.Check(criteria is { Count: > 0 } && criteria.Sum(c => c.Weight) == 100, $"{what} assessment criteria weights must sum to 100");
        var order = 0;
        round.EligibilityRules.AddRange((eligibility ?? []).Select(e => new EligibilityRule
        {
            Order = ++order, Question = e.Question, RequiredAnswer = e.RequiredAnswer, FailureMessage = e.FailureMessage,
        }));
        order = 0;
        round.Criteria.AddRange(criteria!.Select(c => new AssessmentCriterion { Order = ++order, Title = c.Title, Guidance = c.Guidance, WeightPercent = c.Weight }));
        foreach (var number in r.Objectives)
        {
            file.Check(objectives.TryGetValue(number, out var objective), $"{what} targets objective {number}, which the plan does not have");
            round.Objectives.Add(objective!);
        }
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        return 1;
    }

    internal static async Task<Dictionary<int, PlanObjective>> ObjectivesOfAsync(GrantsDbContext db, SeedFile file, string planCode, CancellationToken ct)
    {
        var plan = await db.Plans.Where(p => p.Code == planCode).OrderByDescending(p => p.Version)
            .Select(p => new { p.Id }).FirstOrDefaultAsync(ct);
        file.Check(plan is not null, $"planCode '{planCode}' is not a loaded plan");
        return await db.Objectives.Where(o => o.PlanId == plan!.Id).ToDictionaryAsync(o => o.Number, ct);
    }

    internal static FinancialQuarter ParsePeriod(SeedFile file, string text, string what)
    {
        var parts = text.Split(' ');
        if (parts.Length == 2 && FinancialYear.TryParse(parts[0], out var year) && parts[1] is ['Q', var q and >= '1' and <= '4'])
        {
            return year.Quarter(q - '0');
        }
        throw file.Problem($"{what}: period '{text}' is not a quarter such as 2013/14 Q1");
    }
}
