using System.Globalization;
using System.Security.Cryptography;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Funds;

/// <summary>
/// Finance takes a fund's published allocation table (CSV or XLSX) for a year: one award per partner, each with the
/// fund's conditions, quarterly instalments in arrears and quarterly returns like any award; the reserve is left
/// unallocated, to be released only through business-case applications to the fund's rounds. A file with any bad row
/// names the row and column and imports nothing; a second table for the same fund and year, or the same file again, is refused.
/// </summary>
public sealed class AllocationImporter(IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, AuditTrail audit, TimeProvider clock,
    IValidator<AllocationTerms> termsRules)
{
    public const string ImportedAction = "Fund.AllocationTableImported";

    /// <summary>
    /// Imports a published allocation table: an award per partner. With <paramref name="terms"/> (the form and the demo
    /// give them) each award is dated the day of the decision that agreed the table and serves the plan objectives chosen,
    /// in equal shares; without them (an older caller) it is dated the import day and linked to no objective.
    /// </summary>
    public async Task<FeatureResult<AllocationOutcome>> ImportAsync(int fundId, string fileName, byte[] content, Actor actor, AllocationTerms? terms = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.Finance))
        {
            return FeatureResult<AllocationOutcome>.Fail(new RoleNeeded("the finance team", "import an allocation table"));
        }
        if (terms is not null)
        {
            var context = new ValidationContext<AllocationTerms>(terms);
            context.RootContextData[AllocationTermsValidator.TodayKey] = UkTime.ToUkDate(clock.GetUtcNow());
            var validation = await termsRules.ValidateAsync(context, ct);
            if (!validation.IsValid)
            {
                return FeatureResult<AllocationOutcome>.Invalid(validation);
            }
        }
        var records = TableFile.Read(fileName, content);
        if (records is null)
        {
            return FeatureResult<AllocationOutcome>.Fail(new ImportRowsRefused(["The file is not a CSV file or an XLSX workbook that can be read."]));
        }
        var (table, errors) = AllocationTableParser.Parse(records);
        if (table is null)
        {
            return FeatureResult<AllocationOutcome>.Fail(new ImportRowsRefused(errors));
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var name = Path.GetFileName(fileName);
        return await factory.InTransactionAsync(db => ImportAsync(db, fundId, name, sha, table, actor, terms, ct), ct,
            () => FeatureResult<AllocationOutcome>.Fail(new ImportAlreadyTaken(name, clock.GetUtcNow())));
    }

    private async Task<FeatureResult<AllocationOutcome>> ImportAsync(GrantsDbContext db, int fundId, string fileName, string sha, ParsedAllocation table, Actor actor,
        AllocationTerms? terms, CancellationToken ct)
    {
        var fund = await db.Funds.Include(f => f.Budgets).FirstOrDefaultAsync(f => f.Id == fundId, ct);
        if (fund is null)
        {
            return FeatureResult<AllocationOutcome>.Fail(new NotFound("fund"));
        }
        if (!fund.AllocatesByTable)
        {
            return FeatureResult<AllocationOutcome>.Fail(new FundNotByTable(fund.Name));
        }
        if (await db.Set<AllocationTable>().AsNoTracking().FirstOrDefaultAsync(t => t.Sha256 == sha, ct) is { } same)
        {
            return FeatureResult<AllocationOutcome>.Fail(new ImportAlreadyTaken(same.FileName, same.ImportedAt));
        }
        if (await db.Set<AllocationTable>().AsNoTracking().FirstOrDefaultAsync(t => t.FundId == fundId && t.FinancialYearStart == table.Year.StartYear, ct) is { } earlier)
        {
            return FeatureResult<AllocationOutcome>.Fail(new AllocationAlreadyTaken(fund.Name, table.Year.ToString(), earlier.FileName, earlier.ImportedAt));
        }
        var total = table.Allocated + table.Reserve;
        var budget = fund.Budgets.FirstOrDefault(b => b.FinancialYearStart == table.Year.StartYear);
        if (budget is not null && budget.AmountPence != total.Pence)
        {
            return FeatureResult<AllocationOutcome>.Fail(new AllocationNotBudget(table.Year.ToString(), budget.Amount, total));
        }
        var objectives = terms?.ObjectiveIds.Distinct().Order().ToList() ?? [];
        if (objectives.Count > 0)
        {
            if (await db.Objectives.CountAsync(o => objectives.Contains(o.Id), ct) != objectives.Count)
            {
                return FeatureResult<AllocationOutcome>.Fail(new NotFound("plan objective"));
            }
            // The objectives must be those of the plan the table's year is reported against, as the Panel's roll-up picks it.
            var plan = await FundService.PlanObjectivesAsync(db, table.Year, ct);
            if (plan is null || objectives.Any(o => plan.Objectives.All(p => p.Id != o)))
            {
                return FeatureResult<AllocationOutcome>.Fail(new ObjectivesNotInPlan(table.Year.ToString(), plan?.Title ?? "plan"));
            }
        }
        var (partners, unknown) = await PartnersAsync(db, table, ct);
        if (unknown.Count > 0)
        {
            return FeatureResult<AllocationOutcome>.Fail(new ImportRowsRefused(unknown));
        }

        fund.Budgets.Add(budget ?? new FundBudget { FinancialYearStart = table.Year.StartYear, AmountPence = total.Pence });
        var now = clock.GetUtcNow();
        var record = new AllocationTable
        {
            FundId = fund.Id, FinancialYearStart = table.Year.StartYear, FileName = fileName, Sha256 = sha, ImportedAt = now, ImportedByName = actor.DisplayName,
            AllocatedPence = table.Allocated.Pence, ReservePence = table.Reserve.Pence,
        };
        var awards = new List<(AllocationRow Row, int OrganisationId, Award Award)>();
        var n = 0;
        foreach (var line in table.Lines)
        {
            var (organisationId, organisationName) = partners[line.Partner];
            var award = NewAward(fund, table.Year, string.Create(CultureInfo.InvariantCulture, $"AWD-{fund.Code}-{table.Year.StartYear % 100:00}{(table.Year.StartYear + 1) % 100:00}-{++n:00}"),
                organisationId, organisationName, line.Amount, terms?.DecidedOn ?? UkTime.ToUkDate(now), actor);
            // Equal shares of 100%, the odd percent to the first objectives, as the Panel's roll-up apportions by share.
            award.Objectives.AddRange(objectives.Select((o, i) => new AwardObjective
            {
                ObjectiveId = o, SharePercent = (100 / objectives.Count) + (i < 100 % objectives.Count ? 1 : 0),
            }));
            db.Awards.Add(award);
            awards.Add((line, organisationId, award));
        }
        db.Add(record);
        await db.SaveChangesAsync(ct);
        record.Lines.AddRange(awards.Select(a => new AllocationLine { Row = a.Row.Row, Partner = a.Row.Partner, OrganisationId = a.OrganisationId, AwardId = a.Award.Id, AmountPence = a.Row.Amount.Pence }));
        await db.SaveChangesAsync(ct);
        await audit.AppendAsync(db, actor, ImportedAction, nameof(Fund), fund.Id.ToString(CultureInfo.InvariantCulture), null, new
        {
            file = fileName, sha, year = table.Year.ToString(), decidedOn = terms?.DecidedOn, objectives, allocatedPence = table.Allocated.Pence, reservePence = table.Reserve.Pence,
            awards = awards.Select(a => new { a.Award.AwardReference, partner = a.Row.Partner, pence = a.Row.Amount.Pence }).ToList(),
        }, ct);
        return FeatureResult<AllocationOutcome>.Ok(new AllocationOutcome(record.Id, table.Year, awards.Count, table.Allocated, table.Reserve));
    }

    /// <summary>
    /// A passported award: the whole financial year, the fund's conditions, four quarterly instalments each due at its
    /// quarter's end (in arrears, so no advance to justify) and a monitoring return for each quarter.
    /// </summary>
    private Award NewAward(Fund fund, FinancialYear year, string reference, int organisationId, string organisation, Money amount, DateOnly today, Actor actor)
    {
        var award = new Award
        {
            AwardReference = reference, OrganisationId = organisationId, FundId = fund.Id, Title = $"{fund.Name} {year}: {organisation}",
            Purpose = fund.Purpose, AmountPence = amount.Pence, AwardedOn = today, StartDate = year.Start, EndDate = year.End,
            DueDiligenceNote = "Passported allocation by the published table; the partnership's plan is agreed with the Commissioner.",
        };
        var conditions = (fund.SourceConditions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        conditions.Add($"Spent on the purposes of the {fund.Name} in {year}, with spend and outcomes reported in a return each quarter.");
        var order = 0;
        award.Conditions.AddRange(conditions.Select(t => new AwardCondition { Order = ++order, Text = t }));
        var quarters = year.Quarters.ToList();
        var instalments = quarters.Zip(amount.Allocate([25, 25, 25, 25])).Select(x => new Instalment(x.First.End, x.Second)).ToList();
        (award.PaymentBasis, award.AdvanceJustification) = Payments.PaymentBasisRule.For(instalments, award.StartDate);
        var n = 0;
        foreach (var i in instalments)
        {
            var payment = new Payment { PaymentReference = $"{reference}-P{++n}", PaymentKind = PaymentKind.Instalment, InstalmentNumber = n, DueDate = i.Due, AmountPence = i.Amount.Pence };
            workflow.Start(payment, actor);
            award.Payments.Add(payment);
        }
        award.YearSplits.Add(new AwardYearSplit { FinancialYearStart = year.StartYear, AmountPence = amount.Pence });
        n = 0;
        foreach (var q in quarters)
        {
            var ret = new MonitoringReturn { ReturnReference = $"{reference}-R{++n}", PeriodStart = q.Start, PeriodEnd = q.End, DueDate = q.End.AddMonths(1) };
            workflow.Start(ret, actor);
            award.Returns.Add(ret);
        }
        workflow.Start(award, actor);
        return award;
    }

    /// <summary>
    /// Each partner named: an organisation of that name, or else the one Community Safety Partnership serving that area
    /// (seed 002 names districts); an unknown or ambiguous partner names its row.
    /// </summary>
    private static async Task<(Dictionary<string, (int Id, string Name)> Found, List<string> Unknown)> PartnersAsync(GrantsDbContext db, ParsedAllocation table, CancellationToken ct)
    {
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.AreaServed, o.Type }).ToListAsync(ct);
        var found = new Dictionary<string, (int, string)>(StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (var line in table.Lines)
        {
            var byName = organisations.Where(o => string.Equals(o.Name, line.Partner, StringComparison.OrdinalIgnoreCase)).ToList();
            var matches = byName.Count > 0 ? byName
                : organisations.Where(o => o.Type == OrganisationType.CommunitySafetyPartnership && string.Equals(o.AreaServed, line.Partner, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 1)
            {
                found[line.Partner] = (matches[0].Id, matches[0].Name);
            }
            else
            {
                unknown.Add(matches.Count == 0
                    ? $"Row {line.Row}, column '{table.PartnerHeading}': no organisation is called {line.Partner}, and no Community Safety Partnership serves it. Add the partner's organisation first."
                    : $"Row {line.Row}, column '{table.PartnerHeading}': more than one Community Safety Partnership serves {line.Partner}. Name the partnership in full.");
            }
        }
        return (found, unknown);
    }
}
