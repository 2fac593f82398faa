using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.FinanceExports;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Features.Staff;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Pages.Panel;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using GrantsCommissioning.Web.Security;
using Microsoft.AspNetCore.Authorization;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// Every staff table as CSV and XLSX, at <c>/exports/{table}.csv|xlsx</c> with the page's filters in the query string
/// (the <c>TableDownloads</c> component writes the links). Each table is read through the same Core query its page uses,
/// a page at a time until every matching row is in (<see cref="AllRows"/>), under the page's own authorisation (a role
/// that cannot open the page is refused the file), and written by <see cref="FinanceTableWriter"/>: numbers stay
/// numbers, money is pounds, dates are dates. A query the page would not show (an unknown figure) is 404.
/// </summary>
internal static class TableExportEndpoints
{
    private delegate Task<FinanceTable?> Build(HttpContext http, IServiceProvider services, CancellationToken ct);

    /// <summary>
    /// A table's download: its name in the address, who may have it (as the page says; null for a public page, which
    /// anyone may read signed out) and how its rows are read.
    /// </summary>
    private sealed record Export(string Name, IAuthorizeData? Who, Build Rows);

    private static AuthorizeAttribute Policy(string policy) => new() { Policy = policy };

    private static AuthorizeAttribute AnyOf(string roles) => new() { Roles = roles };

    private static readonly Export[] Exports =
    [
        // /officer: all applications, or one state, searched.
        new("applications", Policy(Policies.GrantsOfficer), async (http, s, ct) =>
        {
            var query = new ApplicationQuery(Text(http, "state"), Text(http, "q"));
            var rows = await AllRows.ReadAsync<CaseSummary>(async (skip, take) =>
                {
                    var p = await s.GetRequiredService<ApplicationSearch>().SearchAsync(query with { Skip = skip, Take = take }, ct);
                    return (p.Items, p.Count);
                });
            return FinanceTable.Of("Applications", ["Reference", "Project", "Organisation", "State", "Requested (GBP)", "Submitted"],
                rows, c => [c.Reference, c.Title, c.Organisation, StateNames.Describe(c.State), c.Amount, UkDate(c.Since)]);
        }),
        // /officer and /officer/returns: the monitoring returns to review (Submitted), overdue (Overdue), or still to come
        // in (due in a month).
        new("returns", Policy(Policies.GrantsOfficer), async (http, s, ct) =>
        {
            if (ReturnListQuery.Parse(Text(http, "state"), Text(http, "q"), Text(http, "from"), Text(http, "to")) is not { } query)
            {
                return null;
            }
            var rows = await AllRows.ReadAsync<ReturnSummary>(async (skip, take) =>
                {
                    var p = await s.GetRequiredService<DashboardQueries>().ReturnsAsync(query with { Skip = skip, Take = take }, ct);
                    return (p.Items, p.Count);
                });
            return FinanceTable.Of("Returns", ["Return", "Award", "Organisation", "Due"], rows, r => [r.Reference, r.AwardTitle, r.Organisation, r.DueDate]);
        }),
        // /officer/portfolio: one officer's open awards (default the signed-in officer), or those with no officer named.
        new("portfolio", AnyOf(MonitoringAccess.PortfolioRoles), async (http, s, ct) =>
        {
            var query = Components.Pages.Monitoring.Portfolio.Page.QueryFor(Text(http, "officer") ?? WorkflowActor.From(http.User)?.UserId);
            var rows = await AllRows.ReadAsync<PortfolioRow>(async (skip, take) =>
                {
                    var p = await s.GetRequiredService<PortfolioQueries>().PageAsync(query with { Skip = skip, Take = take }, ct);
                    return (p.Rows, p.Totals.Awards);
                });
            return FinanceTable.Of("Award portfolio",
                ["Award", "Title", "Organisation", "State", "End date", "Amount (GBP)", "Returns due", "Overdue", "Queried", "To review", "Changes waiting", "RAG", "RAG reason"],
                rows, r => [r.Reference, r.Title, r.Organisation, r.StateLabel, r.EndDate, r.Amount, r.ReturnsDue, r.ReturnsOverdue, r.ReturnsQueried,
                    r.ReturnsToReview, r.ChangesWaiting, RagText.Describe(r.Rag), r.RagReason]);
        }),
        // /finance: payments needing action, in one state or all, searched.
        new("payments", Policy(Policies.Finance), async (http, s, ct) =>
        {
            var query = new PaymentListQuery(Text(http, "state"), Text(http, "q"));
            var rows = await AllRows.ReadAsync<PaymentSummary>(async (skip, take) =>
                {
                    var p = await s.GetRequiredService<DashboardQueries>().PaymentsNeedingActionAsync(query with { Skip = skip, Take = take }, ct);
                    return (p.Items, p.Count);
                });
            return FinanceTable.Of("Payments needing action", ["Payment", "Organisation", "Award", "State", "Hold reason", "Due date", "Amount (GBP)"],
                rows, p => [p.Reference, p.Organisation, p.AwardReference, p.State, p.HoldReason, p.DueDate, p.Amount]);
        }),
        // /finance/runs: the payment runs.
        new("payment-runs", Policy(Policies.Finance), async (_, s, ct) =>
            FinanceTable.Of("Payment runs", ["Run", "State", "Payments", "Total (GBP)", "Prepared by", "Prepared (UK time)", "Authorised by", "Batch reference"],
                await s.GetRequiredService<PaymentRunService>().ListAsync(ct),
                r => [r.Reference, r.StateLabel, r.Payments, r.Total, r.PreparedBy, UkDateTime(r.PreparedAt), r.AuthorisedBy, r.BatchReference])),
        // /finance/funds: the funds.
        new("funds", Policy(Policies.Funds), async (_, s, ct) =>
            FinanceTable.Of("Funds", ["Fund", "Code", "Ring-fenced", "Funding source", "Senior responsible officer", "Allocated by", "Cap (%)"],
                await s.GetRequiredService<FundService>().ListAsync(ct),
                f => [f.Name, f.Code, f.IsRingFenced ? "Yes" : "No", f.FundingSource, f.SeniorResponsibleOfficer, f.AllocatesByTable ? "Published table (passported)" : "Applications", f.CapPercent])),
        // /decisions: recommended applications awaiting a decision.
        new("awaiting-decision", Policy(Policies.Decisions), async (_, s, ct) =>
            FinanceTable.Of("Awaiting a decision", ["Reference", "Project", "Organisation", "Requested (GBP)"],
                await s.GetRequiredService<DashboardQueries>().AwaitingDecisionAsync(ct), c => [c.Reference, c.Title, c.Organisation, c.Amount])),
        // /decisions: every decision matching the page's search, in its order (the Commissioner's page lists those with a decision notice).
        new("decisions", Policy(Policies.Decisions), async (http, s, ct) =>
        {
            var query = new DecisionListQuery(http.User.IsInRole(Roles.Commissioner), Text(http, "q"),
                Enum.TryParse<DecisionListSort>(Text(http, "sort"), out var sort) && Enum.IsDefined(sort) ? sort : DecisionListSort.Newest);
            var rows = await AllRows.ReadAsync<DecisionSummary>(async (skip, take) =>
            {
                var p = await s.GetRequiredService<DashboardQueries>().DecisionsAsync(query with { Skip = skip, Take = take }, ct);
                return (p.Items, p.Count);
            });
            return FinanceTable.Of("Decisions", ["Date", "Application", "Organisation", "Outcome", "Amount (GBP)", "Decided by", "Notice"], rows,
                d => [UkTime.ToUkDate(d.DecidedAt), d.ApplicationReference, d.Organisation, DecisionTriggers.Describe(d.Outcome),
                    d.Amount, d.DecidedByName, d.NoticeReference]);
        }),
        // /staff/rounds: every round, or one phase.
        new("rounds", Policy(Policies.GrantsOfficer), async (http, s, ct) =>
        {
            var query = new RoundListQuery(Enum.TryParse<RoundPhase>(Text(http, "phase"), out var phase) && Enum.IsDefined(phase) ? phase : null);
            var rows = await AllRows.ReadAsync<RoundListItem>(async (skip, take) =>
                {
                    var p = await s.GetRequiredService<RoundService>().ListAsync(query with { Skip = skip, Take = take }, ct);
                    return (p.Items, p.Count);
                });
            return FinanceTable.Of("Rounds", ["Reference", "Title", "Fund", "Status", "Opens (UK time)", "Closes (UK time)", "Budget (GBP)", "Applications"],
                rows, r => [r.Reference, r.Title, r.Fund, RoundPhases.Describe(r.Phase), UkDateTime(r.OpensAt), UkDateTime(r.ClosesAt), r.Budget, r.Applications]);
        }),
        // /assess: the signed-in assessor's own assignments.
        new("assignments", Policy(Policies.Assessor), async (http, s, ct) => WorkflowActor.From(http.User) is not { } actor ? null
            : FinanceTable.Of("Assignments", ["Application", "Project", "Organisation", "In your register of interests", "Due", "Overdue", "Status"],
                (await s.GetRequiredService<AssessorService>().InboxAsync(actor, ct)).Items,
                i => [i.Reference, i.Title, i.Organisation, i.Flagged ? "Yes" : "No", i.Due, i.Overdue ? "Yes" : "No", AssignmentStates.Describe(i.State)])),
        // /admin/staff: staff accounts, searched.
        // /admin/staff/{id}: every change to one staff account, newest first (the page lists the latest).
        new("staff-changes", Policy(Policies.Administrator), async (http, s, ct) =>
        {
            if (Text(http, "id") is not { } id)
            {
                return null;
            }
            var staff = s.GetRequiredService<StaffAdministration>();
            var first = await staff.ChangesAsync(id, 0, AllRows.Batch, ct);
            if (first is null)
            {
                return null;
            }
            var rows = await AllRows.ReadAsync<StaffChange>(async (skip, take) =>
                skip == 0 ? (first.Changes, first.Total) : await staff.ChangesAsync(id, skip, take, ct) is { } p ? (p.Changes, p.Total) : ([], 0));
            return FinanceTable.Of($"Changes to {first.Member.Name}", ["When (UK time)", "By", "Change"], rows,
                c => [UkDateTime(c.At), c.By, c.Description]);
        }),
        new("staff", Policy(Policies.Administrator), async (http, s, ct) =>
        {
            var text = Text(http, "q");
            var rows = await AllRows.ReadAsync<StaffRow>(async (skip, take) =>
                {
                    var p = await s.GetRequiredService<StaffAdministration>().ListAsync(text, StaffSort.Name, false, skip, take, ct);
                    return (p.Rows, p.Total);
                });
            return FinanceTable.Of("Staff", ["Name", "Email", "Roles", "Status", "Two-step sign-in", "Last signed in (UK time)"],
                rows, m => [m.Name, m.Email, m.RoleNames, m.Status, m.TwoFactor ? "Set up" : "Not set up", m.LastSignInAt is { } at ? UkDateTime(at) : null]);
        }),
        // /admin: recent case activity.
        new("case-activity", Policy(Policies.Administrator), async (_, s, ct) =>
            FinanceTable.Of("Recent case activity", ["When (UK time)", "Case", "Action", "From", "To", "By"],
                (await s.GetRequiredService<AdminAndApplicantQueries>().AdminAsync(ct)).RecentActivity,
                j => [UkDateTime(j.At), j.Case, j.Action, j.From, j.To, j.Actor])),
        // /decision-notices: notices in one state or all, searched.
        new("decision-notices", AnyOf(DecisionNoticeAccess.StaffRoles), async (http, s, ct) =>
        {
            var (state, text) = (Text(http, "state"), Text(http, "q"));
            var rows = await AllRows.ReadAsync<NoticeSummary>(async (skip, take) =>
                {
                    var p = await s.GetRequiredService<DecisionNoticeService>().ListAsync(state, text, NoticeSort.Updated, true, skip, take, ct);
                    return (p.Rows, p.Total);
                });
            return FinanceTable.Of("Decision notices", ["Reference", "Title", "State", "Amount (GBP)", "Signed", "Last changed (UK time)"],
                rows, n => [n.Reference, n.Title, n.StateLabel, n.Amount, n.SignatureDate, UkDateTime(n.UpdatedAt)]);
        }),
        // /panel/figures: the awards, payments or returns behind one figure of the Panel page or report.
        new("panel-figure", AnyOf(PanelReportPages.MeasureReaders), async (http, s, ct) =>
        {
            var query = FigureQuery.Parse(Text(http, "list"), Text(http, "from"), Text(http, "to"), Number(http, "objective"), Text(http, "priority"), Text(http, "rag"));
            var drill = s.GetRequiredService<FigureDrillDown>();
            if (query is null || await drill.PageAsync(query, 1, ct) is not { } first)
            {
                return null;
            }
            var lines = first.Lines.ToList();
            for (var n = 2; n <= first.Pages; n++)
            {
                lines.AddRange((await drill.PageAsync(query, n, ct))!.Lines);
            }
            return FinanceTable.Of("Figure", ["Reference", "Award", "Grant", "Organisation", "Date", "Amount (GBP)", "Share (%)", "Counted (GBP)"],
                lines, l => [l.Reference, l.AwardReference, l.Title, l.Organisation, l.Date, l.Amount, l.SharePercent, l.Apportioned]);
        }),
        // /finance/{year}: the funds' budgets, commitments and payments in a financial year.
        new("finance-funds", Policy(Policies.Finance), async (http, s, ct) => Number(http, "year") is not { } start || start is < 2000 or > 2100 ? null
            : FinanceTable.Of($"Funds {new FinancialYear(start)}".Replace('/', '-'),
                ["Fund", "Senior responsible officer", "Budget (GBP)", "Committed (GBP)", "Paid (GBP)", "Committed, not yet paid (GBP)", "Uncommitted (GBP)"],
                (await s.GetRequiredService<DashboardQueries>().FinanceAsync(new FinancialYear(start), ct)).Funds,
                f => [f.Name, f.SeniorResponsibleOfficer, f.Budget, f.Committed, f.Paid, f.OutstandingCommitments, f.Uncommitted])),

        // Tables inside one record's page: the record's id is in the query string, and a record the page would not show
        // the signed-in user (none with that id, or an application not assigned to this assessor) is 404, as the page is.

        // /cases/{applications|awards|payments|returns}/{id}: the case's history.
        new("case-history", Policy(Policies.CasePages), async (http, s, ct) =>
        {
            if (WorkflowActor.From(http.User) is not { } actor || Number(http, "id") is not { } id)
            {
                return null;
            }
            var cases = s.GetRequiredService<CaseQueries>();
            var history = Text(http, "case") switch
            {
                "application" => (await cases.ApplicationAsync(id, actor, ct))?.History,
                "award" => (await cases.AwardAsync(id, actor, ct))?.History,
                "payment" => (await cases.PaymentAsync(id, actor, ct))?.History,
                "return" => (await cases.ReturnAsync(id, actor, ct))?.History,
                _ => null,
            };
            return history is null ? null : FinanceTable.Of("History", ["When (UK time)", "Action", "Amount (GBP)", "From", "To", "By", "Role", "Comment"],
                history, h => [UkDateTime(h.At), h.Action, h.Amount, h.From, h.To, h.Actor, h.Role is null ? null : Roles.Describe(h.Role), h.Comment]);
        }),
        // /finance/funds/{id}: the fund's budget by year, its year-end decisions and its published allocation tables.
        new("fund-budgets", Policy(Policies.Funds), async (http, s, ct) => await FundAsync(http, s, ct) is not { } fund ? null
            : FinanceTable.Of("Budgets " + fund.Form.Code, ["Financial year", "Budget (GBP)"], fund.Budgets, b => [b.Year.ToString(), b.Budget])),
        new("fund-year-end", Policy(Policies.Funds), async (http, s, ct) => await FundAsync(http, s, ct) is not { } fund ? null
            : FinanceTable.Of("Year end " + fund.Form.Code, ["From year", "Amount (GBP)", "To", "Decision", "Decided by", "Decided (UK time)"],
                await s.GetRequiredService<BudgetMovements>().CarryForwardsAsync(fund.Id, ct),
                c => [c.From.ToString(), c.Amount, c.Destination == CarryForwardTo.Reserves ? "Reserves" : $"{c.From.Next} budget", c.Reason, c.DecidedBy, UkDateTime(c.DecidedAt)])),
        new("fund-allocations", Policy(Policies.Funds), async (http, s, ct) => await FundAsync(http, s, ct) is not { } fund ? null
            : FinanceTable.Of("Allocations " + fund.Form.Code, ["Financial year", "Partner", "Award", "Allocation (GBP)"],
                fund.Tables.SelectMany(t => t.Awards.Select(a => (t.Year, a))), x => [x.Year.ToString(), x.a.Partner, x.a.AwardReference, x.a.Amount])),
        // /finance/{year}/funds/{fund}/{figure}?quarter=: what makes up one figure of a fund's year or quarter.
        new("fund-figure", Policy(Policies.Finance), async (http, s, ct) =>
        {
            var figureName = Text(http, "figure");
            if (Number(http, "year") is not { } start || start is < 2000 or > 2100 || Number(http, "fund") is not { } fundId
                || !Enum.TryParse<Figure>(figureName, ignoreCase: true, out var figure) || !Enum.IsDefined(figure) || int.TryParse(figureName, out _)
                || await s.GetRequiredService<FundFigures>().LinesAsync(fundId, new FinancialYear(start), Number(http, "quarter"), figure, ct) is not { } found)
            {
                return null;
            }
            return FinanceTable.Of(figure.ToString(), ["Award", "Organisation", "Payment or invoice", "Date", "What", "Amount (GBP)"],
                found.Lines, l => [l.AwardReference, l.Organisation, l.PaymentReference, l.Date, l.What, l.Amount]);
        }),
        // /finance/runs/{id}: the run's payments, and the payees' changed bank details.
        new("run-payments", Policy(Policies.Finance), async (http, s, ct) => await RunAsync(http, s, ct) is not { } run ? null
            : FinanceTable.Of(run.Reference, ["Payment", "Organisation", "Award", "Due", "State", "Amount (GBP)", "Held because"],
                run.Lines, p => [p.Reference, p.Organisation, p.AwardReference, p.Due, p.State, p.Amount, p.Blocked])),
        new("run-bank-changes", Policy(Policies.Finance), async (http, s, ct) => await RunAsync(http, s, ct) is not { } run ? null
            : FinanceTable.Of("Bank changes " + run.Reference, ["Organisation", "Changed (UK time)", "Changed by", "Now", "Verified by", "Verified (UK time)"],
                run.BankChanges, c => [c.Organisation, UkDateTime(c.ChangedAt), c.ChangedBy, c.After, c.VerifiedBy, c.VerifiedAt is { } at ? UkDateTime(at) : null])),
        // /finance/reconciliation: the imported status-file rows that do not match what was exported.
        new("reconciliation", Policy(Policies.Finance), async (_, s, ct) =>
            FinanceTable.Of("Mismatches", ["File", "Imported (UK time)", "Row", "Payment reference", "Finance reference", "Amount (GBP)", "Paid", "Problem", "Detail"],
                await s.GetRequiredService<PaymentStatusImporter>().MismatchesAsync(ct),
                m => [m.FileName, UkDateTime(m.ImportedAt), m.Row, m.PaymentReference, m.FinanceReference, m.Amount, m.PaidOn, ReconciliationIssues.Describe(m.Issue), m.Detail])),
        // /finance/virements: every virement asked for, newest first.
        new("virements", Policy(Policies.Virements), async (_, s, ct) =>
            FinanceTable.Of("Virements", ["From", "To", "Year", "Amount (GBP)", "Why", "Asked by", "Asked (UK time)", "Status", "Decided by", "Decision note"],
                await s.GetRequiredService<BudgetMovements>().VirementsAsync(null, ct),
                v => [v.FromFund, v.ToFund, v.Year.ToString(), v.Amount, v.Reason, v.RequestedBy, UkDateTime(v.RequestedAt), v.Status.ToString(), v.DecidedBy, v.DecisionNote])),
        // /cases/applications/{id} and its due diligence page: the documents uploaded with the application and to its
        // organisation's profile, each list only where the signed-in user may see it (as the page lists them).
        new("case-documents", Policy(Policies.CasePages), async (http, s, ct) =>
            WorkflowActor.From(http.User) is not { } actor || Number(http, "id") is not { } id
                || await s.GetRequiredService<CaseQueries>().ApplicationAsync(id, actor, ct) is not { } application ? null
            : FinanceTable.Of("Documents " + application.Header.Reference, ["Document", "Size", "What it is", "From", "Uploaded (UK time)"],
                await s.GetRequiredService<AttachmentStore>().CaseDocumentsAsync(id, application.OrganisationId, actor, ct),
                d => [d.File.FileName, AttachmentStore.DescribeSize(d.File.SizeBytes), d.File.Purpose, d.From, UkDateTime(d.File.UploadedAt)])),
        // /cases/awards/{id}: the award's budget (its eligible cost lines).
        new("award-budget", Policy(Policies.CasePages), async (http, s, ct) =>
            WorkflowActor.From(http.User) is not { } actor || Number(http, "id") is not { } id
                || await s.GetRequiredService<CaseQueries>().AwardAsync(id, actor, ct) is not { } award ? null
            : FinanceTable.Of("Budget " + award.Header.Reference, ["Item", "Category", "Amount (GBP)"], award.CostLines, l => [l.Description, l.Category, l.Amount])),
        // /staff/rounds/{id}/ranking: every completed assessment's score on each criterion (never equality monitoring answers).
        new("round-assessments", Policy(Policies.GrantsOfficer), async (http, s, ct) =>
            Number(http, "id") is not { } id || await s.GetRequiredService<ModerationService>().RoundScoresAsync(id, ct) is not { } lines ? null
            : FinanceTable.Of("Assessments", ["Application", "Organisation", "Assessor", "Completed", "Criterion number", "Criterion", "Weight (%)", "Score", "Out of", "Recommendation"],
                lines, l => [l.Application, l.Organisation, l.Assessor, l.Completed, l.CriterionNumber, l.Criterion, l.WeightPercent, l.Score, l.MaxScore,
                    l.Recommendation == Recommendation.None ? null : l.Recommendation.ToString()])),
        // /transparency/decisions (public): the published decision notices, in one financial year or all, searched.
        new("decision-register", null, async (http, s, ct) =>
        {
            FinancialYear? year = Number(http, "year") is { } start and >= 2000 and <= 2100 ? new FinancialYear(start) : null;
            var register = s.GetRequiredService<NoticeRegister>();
            var first = await register.SearchAsync(year, Text(http, "q"), 1, ct);
            var rows = first.Rows.ToList();
            for (var n = 2; n <= first.Pages; n++)
            {
                rows.AddRange((await register.SearchAsync(year, Text(http, "q"), n, ct)).Rows);
            }
            return FinanceTable.Of("Decision register", ["Reference", "Title", "Amount (GBP)", "Signed", "Published"], rows,
                r => [r.Reference, r.Title, r.Amount, r.SignatureDate, r.PublishedOn]);
        }),
    ];

    /// <summary>The table names with a download (the tests walk them).</summary>
    public static IReadOnlyList<string> Names => Exports.Select(e => e.Name).ToList();

    public static IEndpointRouteBuilder MapTableExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        foreach (var export in Exports)
        {
            var route = endpoints.MapGet($"/exports/{export.Name}.{{format:regex(^(csv|xlsx)$)}}", async (string format, HttpContext http, CancellationToken ct) =>
                await export.Rows(http, http.RequestServices, ct) is { } table
                    ? format == "csv"
                        ? Results.File(FinanceTableWriter.Csv(table), FinanceTableWriter.CsvType, export.Name + ".csv")
                        : Results.File(FinanceTableWriter.Xlsx(table), FinanceTableWriter.XlsxType, export.Name + ".xlsx")
                    : Results.NotFound());
            if (export.Who is null)
            {
                route.AllowAnonymous();
            }
            else
            {
                route.RequireAuthorization(export.Who);
            }
        }
        return endpoints;
    }

    private static string? Text(HttpContext http, string key) => http.Request.Query[key].ToString() is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    private static int? Number(HttpContext http, string key) => int.TryParse(Text(http, key), out var n) ? n : null;

    /// <summary>The fund named by <c>?id=</c>, as its page shows it; null when there is none.</summary>
    private static async Task<FundDetail?> FundAsync(HttpContext http, IServiceProvider s, CancellationToken ct) =>
        Number(http, "id") is { } id ? await s.GetRequiredService<FundService>().DetailAsync(id, ct) : null;

    /// <summary>The payment run named by <c>?id=</c>, as its page shows it; null when there is none.</summary>
    private static async Task<RunDetail?> RunAsync(HttpContext http, IServiceProvider s, CancellationToken ct) =>
        Number(http, "id") is { } id ? await s.GetRequiredService<PaymentRunService>().DetailAsync(id, ct) : null;

    private static DateOnly? UkDate(DateTimeOffset? at) => at is { } a ? UkTime.ToUkDate(a) : null;

    /// <summary>A UK wall-clock time to the minute, as the pages show it.</summary>
    private static DateTime UkDateTime(DateTimeOffset at)
    {
        var local = UkTime.ToUk(at).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }
}
