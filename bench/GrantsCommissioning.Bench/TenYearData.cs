using System.Diagnostics;
using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Bench;

/// <summary>
/// Ten more years of grants on top of the demo data (financial years 2016/17 to 2025/26): organisations, awards on the
/// demo funds linked to the objectives of the plan in force on their award date, each with two cost lines, four
/// instalments paid and four quarterly returns accepted with spend by cost line. Rows are made as the app makes them:
/// entities through <see cref="GrantsDbContext"/> (so every constraint holds) and their workflow states through
/// <see cref="ICaseWorkflow.Import"/> (so every state is one the definitions have, with its journal row). Deterministic:
/// the same count gives the same database.
/// </summary>
internal static class TenYearData
{
    public const int FirstYear = 2016;
    public const int Years = 10;

    private const string Comment = "Ten-year benchmark data";

    /// <summary>
    /// One award in twenty of the last year is still open: its first two instalments paid and returns accepted, the third
    /// instalment ready for finance and the third return waiting for the officer, the fourth of each still to come. So the
    /// staff lists have thousands of rows to page through, as an office's would.
    /// </summary>
    private static bool IsOpen(int i) => i % Years == Years - 1 && (i / Years) % 20 == 0;

    public static async Task GenerateAsync(IServiceProvider services, int awards, Action<string> progress)
    {
        var factory = services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        var workflow = services.GetRequiredService<ICaseWorkflow>();
        var random = new Random(2013);
        List<int> funds;
        List<(DateOnly Start, DateOnly End, List<int> Objectives)> plans;
        await using (var db = await factory.CreateDbContextAsync())
        {
            funds = await db.Funds.OrderBy(f => f.Id).Select(f => f.Id).ToListAsync();
            plans = (await db.Plans.AsNoTracking().Select(p => new { p.PeriodStart, p.PeriodEnd, Objectives = p.Objectives.Select(o => o.Id).ToList() }).ToListAsync())
                .OrderBy(p => p.PeriodEnd).Select(p => (p.PeriodStart, p.PeriodEnd, p.Objectives)).ToList();
        }

        var organisations = await CreateOrganisationsAsync(factory, Math.Max(50, awards / 25));
        var clock = Stopwatch.StartNew();
        const int Batch = 500;
        for (var first = 0; first < awards; first += Batch)
        {
            await using var db = await factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var made = new List<Award>();
            for (var i = first; i < Math.Min(awards, first + Batch); i++)
            {
                var year = FirstYear + (i % Years);
                var awardedOn = new DateOnly(year, 4, 1).AddDays(random.Next(0, 300));
                var plan = plans.Where(p => p.Start <= awardedOn && p.End >= awardedOn).Select(p => p.Objectives).FirstOrDefault() ?? plans[^1].Objectives;
                made.Add(NewAward(random, i, IsOpen(i), awardedOn, funds[i % funds.Count], organisations[random.Next(organisations.Count)], plan));
            }
            db.Awards.AddRange(made);
            await db.SaveChangesAsync();
            foreach (var award in made)
            {
                var at = UkTime.FromUkLocal(award.AwardedOn, new TimeOnly(12, 0));
                var open = award.EndDate > award.StartDate.AddMonths(12);
                workflow.Import(db, award, open ? AwardStates.Active : AwardStates.Closed, at, Comment);
                foreach (var payment in award.Payments)
                {
                    workflow.Import(db, payment, payment.PaidOn is not null ? PaymentStates.Paid : payment.InstalmentNumber == 3 ? PaymentStates.Ready : PaymentStates.Scheduled, at, Comment);
                }
                foreach (var ret in award.Returns)
                {
                    workflow.Import(db, ret, ret.AcceptedAt is not null ? ReturnStates.Accepted : ret.SubmittedAt is not null ? ReturnStates.Submitted : ReturnStates.Scheduled, at, Comment);
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            if ((first / Batch) % 10 == 9 || first + Batch >= awards)
            {
                progress(string.Create(CultureInfo.InvariantCulture, $"{Math.Min(awards, first + Batch):N0} of {awards:N0} awards ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
        }
    }

    private static Award NewAward(Random random, int i, bool open, DateOnly awardedOn, int fundId, int organisationId, List<int> objectives)
    {
        var pounds = random.Next(5, 250) * 100L;
        var amount = pounds * 100;
        var start = awardedOn.AddDays(14);
        var award = new Award
        {
            AwardReference = string.Create(CultureInfo.InvariantCulture, $"AWD-TY-{i + 1:D6}"),
            OrganisationId = organisationId, FundId = fundId,
            Title = string.Create(CultureInfo.InvariantCulture, $"Community safety project {i + 1}"),
            Purpose = "Ten-year benchmark data: a community project against the plan's objectives.",
            AmountPence = amount, AwardedOn = awardedOn, StartDate = start, EndDate = start.AddMonths(open ? 24 : 12).AddDays(-1), PaymentBasis = PaymentBasis.Arrears,
        };
        award.CostLines.Add(new AwardCostLine { Order = 1, Description = "Staff", AmountPence = amount * 3 / 5 });
        award.CostLines.Add(new AwardCostLine { Order = 2, Description = "Activities", AmountPence = amount - (amount * 3 / 5) });
        var firstObjective = objectives[random.Next(objectives.Count)];
        if (random.Next(3) == 0 && objectives.Count > 1)
        {
            var second = objectives.Where(o => o != firstObjective).ElementAt(random.Next(objectives.Count - 1));
            var share = 20 + (random.Next(7) * 10);
            award.Objectives.Add(new AwardObjective { ObjectiveId = firstObjective, SharePercent = share });
            award.Objectives.Add(new AwardObjective { ObjectiveId = second, SharePercent = 100 - share });
        }
        else
        {
            award.Objectives.Add(new AwardObjective { ObjectiveId = firstObjective, SharePercent = 100 });
        }
        for (var q = 0; q < 4; q++)
        {
            var periodStart = start.AddMonths(3 * q);
            var periodEnd = periodStart.AddMonths(3).AddDays(-1);
            var instalment = q < 3 ? amount / 4 : amount - (3 * (amount / 4));
            var paid = !open || q < 2;
            award.Payments.Add(new Payment
            {
                PaymentReference = string.Create(CultureInfo.InvariantCulture, $"{award.AwardReference}-P{q + 1}"), PaymentKind = PaymentKind.Instalment,
                InstalmentNumber = q + 1, DueDate = periodEnd.AddDays(30), AmountPence = instalment, PaidOn = paid ? periodEnd.AddDays(30 + random.Next(0, 20)) : null,
                FinanceReference = paid ? string.Create(CultureInfo.InvariantCulture, $"TY{i + 1:D6}{q + 1}") : null,
            });
            // Spend varies around the instalment, as real returns do; the lines never exceed their budget.
            var spent = instalment * random.Next(70, 100) / 100;
            var ret = new MonitoringReturn
            {
                ReturnReference = string.Create(CultureInfo.InvariantCulture, $"{award.AwardReference}-R{q + 1}"),
                PeriodStart = periodStart, PeriodEnd = periodEnd, DueDate = periodEnd.AddDays(21), Narrative = "Delivered as planned.",
            };
            award.Returns.Add(ret);
            if (open && q == 3)
            {
                continue;
            }
            ret.SubmittedAt = UkTime.FromUkLocal(periodEnd.AddDays(14), new TimeOnly(15, 0));
            ret.AcceptedAt = open && q == 2 ? null : ret.SubmittedAt.Value.AddDays(3);
            ret.SpendLines.Add(new ReturnSpendLine { CostLine = award.CostLines[0], AmountPence = spent * 3 / 5 });
            ret.SpendLines.Add(new ReturnSpendLine { CostLine = award.CostLines[1], AmountPence = spent - (spent * 3 / 5) });
        }
        award.YearSplits.AddRange(award.Payments.GroupBy(p => FinancialYear.Containing(p.DueDate).StartYear)
            .Select(g => new AwardYearSplit { FinancialYearStart = g.Key, AmountPence = g.Sum(p => p.AmountPence) }));
        return award;
    }

    private static async Task<List<int>> CreateOrganisationsAsync(IDbContextFactory<GrantsDbContext> factory, int count)
    {
        await using var db = await factory.CreateDbContextAsync();
        var towns = new[] { "Worcester", "Hereford", "Shrewsbury", "Telford", "Kidderminster", "Bromsgrove", "Ludlow", "Redditch" };
        var made = Enumerable.Range(1, count).Select(i => new Organisation
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"Benchmark Community Group {i}"), Type = OrganisationType.RegisteredCharity,
            CharityNumber = string.Create(CultureInfo.InvariantCulture, $"{1100000 + i}"),
            AddressLine1 = string.Create(CultureInfo.InvariantCulture, $"{i} High Street"), Town = towns[i % towns.Length], Postcode = "WR1 1AA",
            AreaServed = towns[i % towns.Length], CreatedAt = new DateTimeOffset(2014, 4, 1, 9, 0, 0, TimeSpan.Zero),
        }).ToList();
        db.Organisations.AddRange(made);
        await db.SaveChangesAsync();
        return made.Select(o => o.Id).ToList();
    }
}
