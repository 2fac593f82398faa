using System.Globalization;
using System.Net;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Exports;

/// <summary>
/// The tables inside one record's page (a case's history, a fund's tables, a payment run's lines) and the finance pages'
/// other tables, downloaded through the same mechanism: both files read back to the same values, the key column holds
/// the page's query's rows in its order, the page links to the download, and the download obeys the page's access rule
/// (a role that cannot open the page is refused, a record the page would not show is 404).
/// </summary>
public partial class TableExportTests
{
    /// <summary>
    /// A record table: its label, download, the column compared with the page's query, who opens it, its numeric and date
    /// columns, the roles that may open it, and the roles that open the page but are shown 404 for this record.
    /// </summary>
    private sealed record RecordCase(string Label, string Table, string Key, string User, string[] Numbers, string[] Dates, string[] Roles, string[] Hidden);

    private static readonly string[] CaseWorkers = [.. CaseAccess.CaseWorkers];

    private static readonly string[] FinanceOnly = [Roles.Finance];

    private static readonly string[] History = ["Amount (GBP)"];

    private static readonly string[] HistoryDates = ["When (UK time)"];

    private static readonly RecordCase[] RecordCases =
    [
        new("application history", "case-history", "When (UK time)", Officer, History, HistoryDates, [.. CaseWorkers, Roles.Assessor], []),
        new("award history", "case-history", "When (UK time)", Officer, History, HistoryDates, CaseWorkers, [Roles.Assessor]),
        new("payment history", "case-history", "When (UK time)", Finance, History, HistoryDates, CaseWorkers, [Roles.Assessor]),
        new("return history", "case-history", "When (UK time)", Officer, History, HistoryDates, CaseWorkers, [Roles.Assessor]),
        new("fund budgets", "fund-budgets", "Financial year", Finance, ["Budget (GBP)"], [], [Roles.Finance, Roles.Administrator], []),
        new("fund year end", "fund-year-end", "From year", Finance, ["Amount (GBP)"], ["Decided (UK time)"], [Roles.Finance, Roles.Administrator], []),
        new("fund allocations", "fund-allocations", "Award", Finance, ["Allocation (GBP)"], [], [Roles.Finance, Roles.Administrator], []),
        new("fund figure", "fund-figure", "Award", Finance, ["Amount (GBP)"], ["Date"], FinanceOnly, []),
        new("finance funds", "finance-funds", "Fund", Finance,
            ["Budget (GBP)", "Committed (GBP)", "Paid (GBP)", "Committed, not yet paid (GBP)", "Uncommitted (GBP)"], [], FinanceOnly, []),
        new("run payments", "run-payments", "Payment", Finance, ["Amount (GBP)"], ["Due"], FinanceOnly, []),
        new("run bank changes", "run-bank-changes", "Organisation", Finance, [], ["Changed (UK time)", "Verified (UK time)"], FinanceOnly, []),
        new("reconciliation", "reconciliation", "Payment reference", Finance, ["Row", "Amount (GBP)"], ["Imported (UK time)", "Paid"], FinanceOnly, []),
        new("virements", "virements", "From", Finance, ["Amount (GBP)"], ["Asked (UK time)"], [Roles.Finance, Roles.DecisionMaker], []),
        // An application's documents (one the demo assessor is not assigned to, so its page and download are 404 for them).
        new("case documents", "case-documents", "Document", Officer, [], ["Uploaded (UK time)"], CaseWorkers, [Roles.Assessor]),
        new("award budget", "award-budget", "Item", Officer, ["Amount (GBP)"], [], CaseWorkers, [Roles.Assessor]),
        new("round assessments", "round-assessments", "Application", Officer, ["Criterion number", "Weight (%)", "Score", "Out of"], ["Completed"], [Roles.GrantsOfficer], []),
        // The public decision register: every role, and anyone signed out (RecordTables_PublicRegister_…).
        new("decision register", "decision-register", "Reference", Officer, ["Amount (GBP)"], ["Signed", "Published"], [.. Roles.All], []),
    ];

    /// <summary>A round's assessments are scores and recommendations only: never an application's equality monitoring answers.</summary>
    private static readonly string[] RoundAssessmentHeadings =
        ["Application", "Organisation", "Assessor", "Completed", "Criterion number", "Criterion", "Weight (%)", "Score", "Out of", "Recommendation"];

    public static TheoryData<string> Records => new(RecordCases.Select(c => c.Label));

    /// <summary>Where a record table is in the demo data: the download's query, its page, and the key column of the page's rows.</summary>
    private sealed record Found(string Query, string Page, List<string> Expected, bool MayBeEmpty = false);

    [Theory]
    [MemberData(nameof(Records))]
    public async Task RecordTable_ReadsBackAsTheSameTypedValues_WithThePagesRows(string label)
    {
        var c = RecordCases.Single(x => x.Label == label);
        var found = await FindAsync(label);
        using var client = await site.SignedInClientAsync(c.User);

        var csv = await AssertBothFilesReadBackAsync(client, $"/exports/{c.Table}", found.Query.Length == 0 ? "" : "?" + found.Query, c.Numbers, c.Dates);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(found.Page, UriKind.Relative)));

        Assert.True(found.MayBeEmpty || found.Expected.Count > 0, $"{label}: the demo has no rows");
        Assert.Equal(found.Expected, csv.Rows.Select(row => row[csv.Headers.IndexOf(c.Key)]).ToList());
        // The page links to the download beside its table (a table with no rows is an empty-state sentence, without links).
        var link = $"/exports/{c.Table}.xlsx" + (found.Query.Length == 0 ? "\"" : "?" + found.Query);
        Assert.True(page.Contains(link, StringComparison.Ordinal) == found.Expected.Count > 0, $"{label}: {link} on {found.Page}");
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task RecordTables_AreOnlyForTheRolesThatSeeThePage_AndNotFoundWhereThePageIs(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        foreach (var c in RecordCases)
        {
            var route = $"/exports/{c.Table}.csv?{(await FindAsync(c.Label)).Query}";
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            if (c.Hidden.Contains(role))
            {
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{role} {route}: {response.StatusCode}");
                continue;
            }
            RouteAccess.AssertAllowedOrRefused(response, c.Roles.Contains(role), $"{role} {route}");
        }
    }

    [Fact]
    public async Task RecordTables_ForARecordThePageWouldNotShow_AreNotFound()
    {
        using var officer = await site.SignedInClientAsync(Officer);
        using var finance = await site.SignedInClientAsync(Finance);
        using var assessor = await site.SignedInClientAsync(Assessor);
        var assessorId = (await site.FindUserAsync(Assessor))!.Id;
        var notAssigned = await FirstIdAsync(db => db.Applications
            .Where(a => !db.Assessments.Any(s => s.ApplicationId == a.Id && s.AssessorUserId == assessorId)).OrderBy(a => a.Id).Select(a => a.Id));
        var award = await FirstIdAsync(db => db.Awards.OrderBy(a => a.Id).Select(a => a.Id));
        var fund = await FirstIdAsync(db => db.Funds.OrderBy(f => f.Id).Select(f => f.Id));

        foreach (var bad in new[] { "/exports/case-history.csv?case=award&id=999999", "/exports/case-history.csv?case=application&id=999999",
            $"/exports/case-history.csv?case=cases&id={award}", $"/exports/case-history.csv?id={award}", "/exports/case-history.csv?case=award" })
        {
            Assert.True((await officer.GetAsync(new Uri(bad, UriKind.Relative))).StatusCode == HttpStatusCode.NotFound, bad);
        }
        foreach (var bad in new[] { "/exports/fund-budgets.csv?id=999999", "/exports/fund-year-end.xlsx?id=999999", "/exports/fund-allocations.csv",
            "/exports/run-payments.csv?id=999999", "/exports/run-bank-changes.xlsx?id=999999", "/exports/finance-funds.csv",
            $"/exports/fund-figure.csv?year=2013&fund=999999&figure=paid", $"/exports/fund-figure.csv?year=2013&fund={fund}&figure=spent",
            $"/exports/fund-figure.csv?year=2013&fund={fund}&figure=2", $"/exports/fund-figure.csv?year=2013&fund={fund}&figure=paid&quarter=5" })
        {
            Assert.True((await finance.GetAsync(new Uri(bad, UriKind.Relative))).StatusCode == HttpStatusCode.NotFound, bad);
        }
        // An assessor opens only the applications assigned to them: another application's history is 404, as its page is.
        Assert.Equal(HttpStatusCode.NotFound, (await assessor.GetAsync(new Uri($"/cases/applications/{notAssigned}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await assessor.GetAsync(new Uri($"/exports/case-history.csv?case=application&id={notAssigned}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RecordTables_NewDownloads_HaveTheirColumns_AndThePublicRegisterNeedsNoSignIn()
    {
        using var officer = await site.SignedInClientAsync(Officer);
        var round = await FindAsync("round assessments");
        var csv = ReadCsv(await officer.GetStringAsync(new Uri($"/exports/round-assessments.csv?{round.Query}", UriKind.Relative)));
        Assert.Equal(RoundAssessmentHeadings, csv.Headers);
        Assert.All(csv.Rows, r => Assert.InRange(int.Parse(r[csv.Headers.IndexOf("Score")], CultureInfo.InvariantCulture), 0, int.Parse(r[csv.Headers.IndexOf("Out of")], CultureInfo.InvariantCulture)));

        using var anonymous = site.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var register = await AssertBothFilesReadBackAsync(anonymous, "/exports/decision-register", "", ["Amount (GBP)"], ["Signed", "Published"]);
        Assert.Equal((await FindAsync("decision register")).Expected, register.Rows.Select(r => r[0]).ToList());
        var year = await AssertBothFilesReadBackAsync(anonymous, "/exports/decision-register", "?year=2013", ["Amount (GBP)"], ["Signed", "Published"]);
        Assert.NotEmpty(year.Rows);
        Assert.True(year.Rows.Count < register.Rows.Count, "the year filter narrows the register");
        var yearPage = WebUtility.HtmlDecode(await anonymous.GetStringAsync(new Uri("/transparency/decisions?year=2013", UriKind.Relative)));
        Assert.Contains("/exports/decision-register.xlsx?year=2013\"", yearPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordTables_NewDownloads_ForARecordThePageWouldNotShow_AreNotFound()
    {
        using var officer = await site.SignedInClientAsync(Officer);
        foreach (var bad in new[] { "/exports/case-documents.csv?id=999999", "/exports/case-documents.xlsx", "/exports/award-budget.csv?id=999999",
            "/exports/award-budget.xlsx?id=x", "/exports/round-assessments.csv?id=999999", "/exports/round-assessments.xlsx" })
        {
            Assert.True((await officer.GetAsync(new Uri(bad, UriKind.Relative))).StatusCode == HttpStatusCode.NotFound, bad);
        }
    }

    /// <summary>Finds each record table's record in the demo data (the busiest one), and reads its rows through the page's own Core query.</summary>
    private async Task<Found> FindAsync(string label)
    {
        using var scope = site.Services.CreateScope();
        var s = scope.ServiceProvider;
        var cases = s.GetRequiredService<CaseQueries>();
        var funds = s.GetRequiredService<FundService>();
        var runs = s.GetRequiredService<PaymentRunService>();
        switch (label)
        {
            case "application history":
                var assessorId = (await site.FindUserAsync(Assessor))!.Id;
                var assigned = await FirstIdAsync(db => db.Assessments.Where(a => a.AssessorUserId == assessorId && a.HasConflict == false && a.ReturnedAt == null)
                    .OrderByDescending(a => db.WorkflowJournal.Count(j => j.CaseKind == CaseKind.Application && j.CaseId == a.ApplicationId)).ThenBy(a => a.ApplicationId)
                    .Select(a => a.ApplicationId));
                return await HistoryAsync(cases, CaseKind.Application, assigned, "application", "/cases/applications/");
            case "award history":
                return await HistoryAsync(cases, CaseKind.Award, await BusiestAsync(CaseKind.Award), "award", "/cases/awards/");
            case "payment history":
                return await HistoryAsync(cases, CaseKind.Payment, await BusiestAsync(CaseKind.Payment), "payment", "/cases/payments/");
            case "return history":
                return await HistoryAsync(cases, CaseKind.MonitoringReturn, await BusiestAsync(CaseKind.MonitoringReturn), "return", "/cases/returns/");
            case "fund budgets":
                var budgeted = await FirstIdAsync(db => db.Funds.OrderByDescending(f => db.FundBudgets.Count(b => b.FundId == f.Id)).ThenBy(f => f.Id).Select(f => f.Id));
                return new($"id={budgeted}", $"/finance/funds/{budgeted}", (await funds.DetailAsync(budgeted))!.Budgets.Select(b => b.Year.ToString()).ToList());
            case "fund year end":
                var carried = await FirstIdAsync(db => db.Set<CarryForward>().OrderBy(c => c.Id).Select(c => c.FundId));
                return new($"id={carried}", $"/finance/funds/{carried}",
                    (await s.GetRequiredService<BudgetMovements>().CarryForwardsAsync(carried)).Select(c => c.From.ToString()).ToList());
            case "fund allocations":
                var allocated = await FirstIdAsync(db => db.Set<AllocationTable>().OrderBy(t => t.Id).Select(t => t.FundId));
                return new($"id={allocated}", $"/finance/funds/{allocated}",
                    (await funds.DetailAsync(allocated))!.Tables.SelectMany(t => t.Awards).Select(a => a.AwardReference).ToList());
            case "fund figure":
                var fund = await FirstIdAsync(db => db.Awards.Where(a => a.AwardedOn < new DateOnly(2013, 7, 1)).OrderBy(a => a.Id).Select(a => a.FundId));
                return new($"year=2013&fund={fund}&figure=paid&quarter=1", $"/finance/2013/funds/{fund}/paid?quarter=1",
                    (await s.GetRequiredService<FundFigures>().LinesAsync(fund, new FinancialYear(2013), 1, Core.Features.Funds.Figure.Paid))!.Value.Lines.Select(l => l.AwardReference).ToList());
            case "finance funds":
                return new("year=2013", "/finance/2013",
                    (await s.GetRequiredService<DashboardQueries>().FinanceAsync(new FinancialYear(2013))).Funds.Select(f => f.Name).ToList());
            case "run payments":
                var exported = await FirstIdAsync(db => db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Exported).Select(r => r.Id));
                return new($"id={exported}", $"/finance/runs/{exported}", (await runs.DetailAsync(exported))!.Lines.Select(l => l.Reference).ToList());
            case "run bank changes":
                // The demo's changed bank details belong to a payee in no run; any run's (empty) table is read back.
                var run = await FirstIdAsync(db => db.Set<PaymentRun>().OrderBy(r => r.Id).Select(r => r.Id));
                return new($"id={run}", $"/finance/runs/{run}", (await runs.DetailAsync(run))!.BankChanges.Select(b => b.Organisation).ToList(), MayBeEmpty: true);
            case "reconciliation":
                return new("", "/finance/reconciliation",
                    (await s.GetRequiredService<PaymentStatusImporter>().MismatchesAsync()).Select(m => m.PaymentReference).ToList());
            case "virements":
                return new("", "/finance/virements", (await s.GetRequiredService<BudgetMovements>().VirementsAsync()).Select(v => v.FromFund).ToList());
            case "case documents":
                var notMine = (await site.FindUserAsync(Assessor))!.Id;
                var documented = await FirstIdAsync(db => db.Applications
                    .Where(a => !db.Assessments.Any(s => s.ApplicationId == a.Id && s.AssessorUserId == notMine))
                    .OrderByDescending(a => db.Attachments.Count(f => f.ApplicationId == a.Id) + db.Attachments.Count(f => f.OrganisationId == a.OrganisationId))
                    .ThenBy(a => a.Id).Select(a => a.Id));
                var organisation = await FirstIdAsync(db => db.Applications.Where(a => a.Id == documented).Select(a => a.OrganisationId));
                await EnsureDocumentsAsync(documented, organisation);
                var officer = (await site.FindUserAsync(Officer))!;
                return new($"id={documented}", $"/cases/applications/{documented}",
                    (await s.GetRequiredService<AttachmentStore>().CaseDocumentsAsync(documented, organisation, Actor.For(officer.Id, officer.DisplayName, Roles.GrantsOfficer)))
                        .Select(d => d.File.FileName).ToList());
            case "award budget":
                var costed = await FirstIdAsync(db => db.Awards.OrderByDescending(a => a.CostLines.Count).ThenBy(a => a.Id).Select(a => a.Id));
                var by = (await site.FindUserAsync(Officer))!;
                return new($"id={costed}", $"/cases/awards/{costed}",
                    (await cases.AwardAsync(costed, Actor.For(by.Id, by.DisplayName, Roles.GrantsOfficer)))!.CostLines.Select(l => l.Description).ToList());
            case "round assessments":
                var assessed = await FirstIdAsync(db => db.Rounds.OrderByDescending(r => db.Assessments.Count(a => a.Application!.RoundId == r.Id && a.CompletedAt != null))
                    .ThenBy(r => r.Id).Select(r => r.Id));
                return new($"id={assessed}", $"/staff/rounds/{assessed}/ranking",
                    (await s.GetRequiredService<ModerationService>().RoundScoresAsync(assessed))!.Select(l => l.Application).ToList());
            case "decision register":
                var register = s.GetRequiredService<NoticeRegister>();
                var first = await register.SearchAsync(null, null, 1);
                var references = first.Rows.Select(r => r.Reference).ToList();
                for (var n = 2; n <= first.Pages; n++)
                {
                    references.AddRange((await register.SearchAsync(null, null, n)).Rows.Select(r => r.Reference));
                }
                return new("", "/transparency/decisions", references);
            default:
                throw new InvalidOperationException(label);
        }
    }

    /// <summary>
    /// The demo has no uploaded files, so the application gets one document of its own and one on its organisation's
    /// profile (rows as the upload writes them; the list reads only the rows).
    /// </summary>
    private async Task EnsureDocumentsAsync(int application, int organisation)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<Core.Data.GrantsDbContext>>().CreateDbContextAsync();
        if (await db.Attachments.AnyAsync(f => f.ApplicationId == application))
        {
            return;
        }
        var at = new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
        db.Attachments.AddRange(
            new Attachment { ApplicationId = application, Purpose = "Supporting document", FileName = "Project plan.pdf", ContentType = "application/pdf", SizeBytes = 20480,
                StoredName = Guid.NewGuid().ToString("N"), Sha256 = new string('a', 64), UploadedAt = at },
            new Attachment { OrganisationId = organisation, Purpose = "Safeguarding policy", FileName = "Safeguarding policy.pdf", ContentType = "application/pdf", SizeBytes = 40960,
                StoredName = Guid.NewGuid().ToString("N"), Sha256 = new string('b', 64), UploadedAt = at.AddDays(1) });
        await db.SaveChangesAsync();
    }

    /// <summary>The first id a query finds (the demo has several records of each kind).</summary>
    private Task<int> FirstIdAsync(Func<Core.Data.GrantsDbContext, IQueryable<int>> query) => site.IdAsync(db => query(db).Take(1));

    private async Task<int> BusiestAsync(CaseKind kind) =>
        await FirstIdAsync(db => db.WorkflowJournal.Where(j => j.CaseKind == kind).GroupBy(j => j.CaseId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key));

    private static async Task<Found> HistoryAsync(CaseQueries cases, CaseKind kind, int id, string name, string page) =>
        new($"case={name}&id={id}", page + id,
            (await cases.HistoryAsync(new CaseRef(kind, id))).Select(h => UkTime.ToUk(h.At).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).ToList());
}
