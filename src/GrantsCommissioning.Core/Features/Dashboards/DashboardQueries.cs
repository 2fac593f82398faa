using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Dashboards;

/// <summary>The work each staff role sees on signing in, read straight from the database.</summary>
public sealed class DashboardQueries(IDbContextFactory<GrantsDbContext> factory, TimeProvider clock)
{

    public FinancialYear CurrentYear => FinancialYear.Containing(clock.GetUtcNow());

    public async Task<OfficerDashboard> OfficerAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var byState = await db.Applications.GroupBy(a => a.State).Select(g => new StateCount(g.Key, g.Count())).ToListAsync(ct);
            var ordered = ApplicationStates.All.Select(s => byState.FirstOrDefault(x => x.State == s) ?? new StateCount(s, 0)).ToList();
            return new OfficerDashboard(ordered);
        }
    }

    public async Task<FinanceDashboard> FinanceAsync(FinancialYear? year = null, CancellationToken ct = default)
    {
        var fy = year ?? CurrentYear;
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var funds = await db.Funds.OrderBy(f => f.Name).Select(f => new
            {
                f.Id, f.Code, f.Name, f.SeniorResponsibleOfficer,
                Budget = f.Budgets.Where(b => b.FinancialYearStart == fy.StartYear).Sum(b => (long?)b.AmountPence) ?? 0,
            }).ToListAsync(ct);
            var committed = await (from s in db.AwardYearSplits
                                   join a in db.Awards on s.AwardId equals a.Id
                                   where s.FinancialYearStart == fy.StartYear && a.State != AwardStates.Terminated
                                   group s by a.FundId into g
                                   select new { FundId = g.Key, Pence = g.Sum(x => x.AmountPence) }).ToDictionaryAsync(x => x.FundId, x => x.Pence, ct);
            // One pass over the year's payments gives both what each fund paid and what it paid on awards since terminated
            // (which stays committed): two statements read the year's 20,000 payments twice on ten years' data (B6).
            var paid = await (from p in db.Payments
                              join a in db.Awards on p.AwardId equals a.Id
                              where p.PaidOn >= fy.Start && p.PaidOn <= fy.End && (p.State == PaymentStates.Paid || p.State == PaymentStates.Recovered)
                              group new { p.AmountPence, Terminated = a.State == AwardStates.Terminated } by a.FundId into g
                              select new { FundId = g.Key, Pence = g.Sum(x => x.AmountPence), Terminated = g.Sum(x => x.Terminated ? x.AmountPence : 0) })
                .ToDictionaryAsync(x => x.FundId, ct);
            // Recoveries raised in the year are negative movements against the fund's spend (and a terminated award's commitment).
            var recoveries = await (from r in db.Set<Payments.Recovery>()
                                    join a in db.Awards on r.AwardId equals a.Id
                                    where r.RaisedOn >= fy.Start && r.RaisedOn <= fy.End
                                    group new { r.AmountPence, Terminated = a.State == AwardStates.Terminated } by a.FundId into g
                                    select new { FundId = g.Key, Pence = g.Sum(x => x.AmountPence), Terminated = g.Sum(x => x.Terminated ? x.AmountPence : 0) })
                .ToDictionaryAsync(x => x.FundId, ct);
            var positions = funds.Select(f => new FundPosition(f.Id, f.Code, f.Name, f.SeniorResponsibleOfficer, new Money(f.Budget),
                new Money(committed.GetValueOrDefault(f.Id) + (paid.GetValueOrDefault(f.Id)?.Terminated ?? 0) + (recoveries.GetValueOrDefault(f.Id)?.Terminated ?? 0)),
                new Money((paid.GetValueOrDefault(f.Id)?.Pence ?? 0) + (recoveries.GetValueOrDefault(f.Id)?.Pence ?? 0)))).ToList();
            return new FinanceDashboard(fy, positions);
        }
    }

    /// <summary>States in which a payment needs finance's action.</summary>
    public static readonly IReadOnlyList<string> PaymentActionStates = [PaymentStates.Ready, PaymentStates.Authorised, PaymentStates.Held];

    /// <summary>
    /// Payments needing action, filtered, sorted and paged in the database, with the count and total of all that match
    /// (the export asks for every row with <c>Take = int.MaxValue</c>).
    /// </summary>
    public async Task<PaymentPage> PaymentsNeedingActionAsync(PaymentListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            string[] states = query.State is { } only && PaymentActionStates.Contains(only) ? [only] : [.. PaymentActionStates];
            var q = db.Payments.AsNoTracking().Where(p => states.Contains(p.State));
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                // Case-insensitive on every provider, as in ApplicationSearch.
                var text = query.Text.Trim().ToUpperInvariant();
                q = q.Where(p => p.PaymentReference.ToUpper().Contains(text) || p.Award!.AwardReference.ToUpper().Contains(text)
                    || p.Award.Organisation!.Name.ToUpper().Contains(text));
            }
            var totals = await q.GroupBy(p => 1).Select(g => new { Count = g.Count(), Pence = g.Sum(p => p.AmountPence) }).SingleOrDefaultAsync(ct);
            q = query.Sort switch
            {
                PaymentListSort.DueNewest => q.OrderByDescending(p => p.DueDate).ThenByDescending(p => p.Id),
                PaymentListSort.AmountHighest => q.OrderByDescending(p => p.AmountPence).ThenBy(p => p.Id),
                PaymentListSort.AmountLowest => q.OrderBy(p => p.AmountPence).ThenBy(p => p.Id),
                PaymentListSort.Reference => q.OrderBy(p => p.PaymentReference),
                _ => q.OrderBy(p => p.DueDate).ThenBy(p => p.Id),
            };
            var rows = await q.Skip(Math.Max(0, query.Skip)).Take(Math.Max(1, query.Take))
                .Select(p => new { p.Id, p.PaymentReference, Organisation = p.Award!.Organisation!.Name, p.Award.OrganisationId, p.Award.AwardReference, AwardState = p.Award.State,
                    p.State, p.AmountPence, p.DueDate, p.HoldReason })
                .ToListAsync(ct);
            var unverified = await Payments.PaymentBlocks.UnverifiedOrganisationsAsync(db, rows.Select(r => r.OrganisationId).Distinct().ToList(), ct);
            var suspended = await Payments.PaymentBlocks.SuspensionsAsync(db, rows.Select(r => r.AwardReference).Distinct().ToList(), ct);
            var payments = rows.Select(p => new PaymentSummary(p.Id, p.PaymentReference, p.Organisation, p.AwardReference, p.State, new Money(p.AmountPence), p.DueDate,
                string.Join(" ", new[] { p.HoldReason, Payments.PaymentBlocks.Describe(p.AwardState, unverified.GetValueOrDefault(p.OrganisationId), suspended.GetValueOrDefault(p.AwardReference)) }.OfType<string>()) is { Length: > 0 } why ? why : null)).ToList();
            return new PaymentPage(payments, totals?.Count ?? 0, new Money(totals?.Pence ?? 0));
        }
    }

    /// <summary>
    /// The returns still to come in: scheduled or due, not yet overdue. One rule for the dashboard's month counts and the
    /// list behind each.
    /// </summary>
    private static IQueryable<MonitoringReturn> StillToCome(GrantsDbContext db) =>
        db.Returns.Where(r => r.State == ReturnStates.Scheduled || r.State == ReturnStates.Due);

    /// <summary>
    /// Monitoring returns in one state (the officer's "to review" and "overdue" lists, and the returns still to come in
    /// behind each month's count), filtered, sorted and paged in the database, with the total.
    /// </summary>
    public async Task<Page<ReturnSummary>> ReturnsAsync(ReturnListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var q = query.State == ReturnListQuery.StillToCome
                ? StillToCome(db).AsNoTracking()
                : db.Returns.AsNoTracking().Where(r => r.State == query.State);
            if (query.DueFrom is { } from)
            {
                q = q.Where(r => r.DueDate >= from);
            }
            if (query.DueTo is { } to)
            {
                q = q.Where(r => r.DueDate <= to);
            }
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var text = query.Text.Trim().ToUpperInvariant();
                q = q.Where(r => r.ReturnReference.ToUpper().Contains(text) || r.Award!.Title.ToUpper().Contains(text)
                    || r.Award.Organisation!.Name.ToUpper().Contains(text));
            }
            var count = await q.CountAsync(ct);
            q = query.Sort switch
            {
                ReturnListSort.DueNewest => q.OrderByDescending(r => r.DueDate).ThenByDescending(r => r.Id),
                ReturnListSort.Reference => q.OrderBy(r => r.ReturnReference),
                _ => q.OrderBy(r => r.DueDate).ThenBy(r => r.Id),
            };
            var items = await q.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200))
                .Select(r => new ReturnSummary(r.Id, r.ReturnReference, r.Award!.Title, r.Award.Organisation!.Name, r.State, r.DueDate))
                .ToListAsync(ct);
            return new Page<ReturnSummary>(items, count);
        }
    }

    /// <summary>
    /// Every financial year finance may look at: from the earliest to the latest year with a budget, a commitment or a
    /// payment due (so future years of multi-year awards, 2027/28 say, are there), and always the current one.
    /// </summary>
    public async Task<IReadOnlyList<FinancialYear>> FinanceYearsAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var current = CurrentYear.StartYear;
            var budgets = await db.FundBudgets.Select(b => (int?)b.FinancialYearStart).ToListAsync(ct);
            var splits = await db.AwardYearSplits.Select(s => (int?)s.FinancialYearStart).Distinct().ToListAsync(ct);
            var dues = await db.Payments.Select(p => (DateOnly?)p.DueDate).MaxAsync(ct);
            var years = budgets.Concat(splits).Append(current).Append(dues is { } d ? FinancialYear.Containing(d).StartYear : current).OfType<int>().ToList();
            return Enumerable.Range(years.Min(), years.Max() - years.Min() + 1).Reverse().Select(y => new FinancialYear(y)).ToList();
        }
    }

    public async Task<IReadOnlyList<AssessmentTask>> AssessorAsync(string userId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await db.Assessments.Where(a => a.AssessorUserId == userId)
                .OrderBy(a => a.CompletedAt != null).ThenBy(a => a.Application!.SubmittedAt)
                .Select(a => new AssessmentTask(a.ApplicationId, a.Application!.ApplicationReference, a.Application.ProjectTitle,
                    a.Application.Organisation!.Name, a.HasConflict, a.CompletedAt != null))
                .ToListAsync(ct);
        }
    }

    public async Task<IReadOnlyList<CaseSummary>> AwaitingDecisionAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await db.Applications.Where(a => a.State == ApplicationStates.Recommendation)
                .OrderByDescending(a => a.AmountRequestedPence)
                .Select(a => new CaseSummary(a.Id, a.ApplicationReference, a.ProjectTitle, a.Organisation!.Name, a.State, new Money(a.AmountRequestedPence), a.SubmittedAt))
                .ToListAsync(ct);
        }
    }

    /// <summary>
    /// Decisions, newest first unless sorted otherwise, searched, sorted and paged in the database with the total (the
    /// Commissioner's list holds those with a decision notice). Nothing is cut: every decision is on some page.
    /// </summary>
    public async Task<Page<DecisionSummary>> DecisionsAsync(DecisionListQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var q = db.Decisions.AsNoTracking();
            if (query.NoticesOnly)
            {
                q = q.Where(d => d.NoticeReference != null);
            }
            if (!string.IsNullOrWhiteSpace(query.Text))
            {
                var text = query.Text.Trim().ToUpperInvariant();
                q = q.Where(d => d.Application!.ApplicationReference.ToUpper().Contains(text) || d.Application.Organisation!.Name.ToUpper().Contains(text)
                    || (d.NoticeReference != null && d.NoticeReference.ToUpper().Contains(text)) || d.DecidedByName.ToUpper().Contains(text));
            }
            var count = await q.CountAsync(ct);
            q = query.Sort switch
            {
                DecisionListSort.Oldest => q.OrderBy(d => d.DecidedAt).ThenBy(d => d.Id),
                DecisionListSort.AmountHighest => q.OrderByDescending(d => d.AmountPence).ThenByDescending(d => d.Id),
                DecisionListSort.AmountLowest => q.OrderBy(d => d.AmountPence).ThenBy(d => d.Id),
                _ => q.OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id),
            };
            var items = await q.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200))
                .Select(d => new DecisionSummary(d.ApplicationId, d.Application!.ApplicationReference, d.Application.Organisation!.Name, d.DecidedAt,
                    d.Outcome, new Money(d.AmountPence), d.DecidedByName, d.NoticeReference))
                .ToListAsync(ct);
            return new Page<DecisionSummary>(items, count);
        }
    }

    public async Task<IReadOnlyList<MeasureRagCount>> MeasureRagAsync(FinancialQuarter quarter, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await db.MeasureReadings.Where(r => r.FinancialYearStart == quarter.Year.StartYear && r.Quarter == quarter.Number)
                .GroupBy(r => r.Rag)
                .Select(g => new MeasureRagCount(g.Key, g.Count(), g.Count(r => r.Measure!.IsHeadline)))
                .ToListAsync(ct);
        }
    }

    /// <summary>
    /// Returns still to come in, for the officer's chart: those overdue, then those due in each of the next six months
    /// (this month first), counted in the database.
    /// </summary>
    public async Task<IReadOnlyList<ReturnsDueMonth>> ReturnsDueAsync(CancellationToken ct = default)
    {
        var today = UkTime.ToUkDate(clock.GetUtcNow());
        var first = new DateOnly(today.Year, today.Month, 1);
        var until = first.AddMonths(6).AddDays(-1);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var overdue = await db.Returns.CountAsync(r => r.State == ReturnStates.Overdue, ct);
            var byMonth = await StillToCome(db)
                .Where(r => r.DueDate <= until)
                .GroupBy(r => new { r.DueDate.Year, r.DueDate.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
                .ToListAsync(ct);
            // Anything not yet overdue but due before this month counts with this month (its list has no start date).
            var months = Enumerable.Range(0, 6).Select(i => first.AddMonths(i)).Select(m => new ReturnsDueMonth(
                m.ToString("MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
                byMonth.Where(x => (x.Year == m.Year && x.Month == m.Month) || (m == first && new DateOnly(x.Year, x.Month, 1) < first)).Sum(x => x.Count),
                ReturnListQuery.StillToCome, m == first ? null : m, m.AddMonths(1).AddDays(-1)));
            return [new ReturnsDueMonth("Overdue", overdue, ReturnStates.Overdue, null, null), .. months];
        }
    }

    /// <summary>Success-measure readings by RAG for each quarter up to the given one that has readings (oldest first, at most eight).</summary>
    public async Task<IReadOnlyList<QuarterRag>> MeasureRagOverTimeAsync(FinancialQuarter upTo, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rows = await db.MeasureReadings
                .Where(r => r.FinancialYearStart < upTo.Year.StartYear || (r.FinancialYearStart == upTo.Year.StartYear && r.Quarter <= upTo.Number))
                .GroupBy(r => new { r.FinancialYearStart, r.Quarter, r.Rag })
                .Select(g => new RagRow(g.Key.FinancialYearStart, g.Key.Quarter, g.Key.Rag, g.Count()))
                .ToListAsync(ct);
            return rows.GroupBy(r => new FinancialYear(r.Year).Quarter(r.Quarter)).OrderBy(g => g.Key).TakeLast(8)
                .Select(g => new QuarterRag(g.Key, Count(g, Rag.Green), Count(g, Rag.Amber), Count(g, Rag.Red), Count(g, Rag.NotRated))).ToList();
        }

        static int Count(IEnumerable<RagRow> rows, Rag rag) => rows.Where(r => r.Rag == rag).Sum(r => r.Count);
    }

    private sealed record RagRow(int Year, int Quarter, Rag Rag, int Count);

    /// <summary>The quarter's measure readings counted by objective number and RAG (for roll-ups through objectives).</summary>
    public async Task<IReadOnlyList<ObjectiveRagCount>> MeasureRagByObjectiveAsync(FinancialQuarter quarter, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await db.MeasureReadings.Where(r => r.FinancialYearStart == quarter.Year.StartYear && r.Quarter == quarter.Number)
                .GroupBy(r => new { r.Measure!.Objective!.Number, r.Rag })
                .Select(g => new ObjectiveRagCount(g.Key.Number, g.Key.Rag, g.Count()))
                .ToListAsync(ct);
        }
    }

    /// <summary>The latest quarter with measure readings, falling back to the current quarter.</summary>
    public async Task<FinancialQuarter> LatestReportedQuarterAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var latest = await db.MeasureReadings.OrderByDescending(r => r.FinancialYearStart).ThenByDescending(r => r.Quarter)
                .Select(r => new { r.FinancialYearStart, r.Quarter }).FirstOrDefaultAsync(ct);
            return latest is null ? FinancialQuarter.Containing(clock.GetUtcNow()) : new FinancialYear(latest.FinancialYearStart).Quarter(latest.Quarter);
        }
    }
}
