using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Features.Staff;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Exports;

/// <summary>
/// Every staff table's download (<c>/exports/{table}.csv|xlsx</c>): both files read back (CSV with CsvHelper, XLSX with the
/// OpenXml SDK) to the same values, numbers as numeric cells and dates as date cells; every row of the page's query is
/// in them, in the page's order (more than the page shows where the demo has more); the page links to them; and only
/// the roles that can open the page get them.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public partial class TableExportTests(GrantsWebFactory site)
{
    private const string Officer = "officer@demo.opcc-grants.example";
    private const string Finance = "finance@demo.opcc-grants.example";
    private const string Admin = "admin@demo.opcc-grants.example";
    private const string ChiefExecutive = "chief.executive@demo.opcc-grants.example";
    private const string Commissioner = "commissioner@demo.opcc-grants.example";
    private const string Assessor = "assessor@demo.opcc-grants.example";
    private const string Panel = "panel@demo.opcc-grants.example";

    private const string Figure = "list=awards&from=2013-04-01&to=2013-06-30";

    /// <summary>Each table: its download address, who may have it, the page that links to it, and its numeric and date columns.</summary>
    private sealed record Case(string Table, string Query, string User, string Page, string[] Numbers, string[] Dates, string[] Roles);

    private static readonly Case[] Cases =
    [
        new("applications", "", Officer, "/officer", ["Requested (GBP)"], ["Submitted"], [Roles.GrantsOfficer]),
        new("returns", "state=Overdue", Officer, "/officer", [], ["Due"], [Roles.GrantsOfficer]),
        new("portfolio", "officer=none", Officer, "/officer/portfolio", ["Amount (GBP)", "Returns due", "Overdue", "Queried", "To review", "Changes waiting"], ["End date"],
            [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Administrator]),
        new("payments", "", Finance, "/finance", ["Amount (GBP)"], ["Due date"], [Roles.Finance]),
        new("payment-runs", "", Finance, "/finance/runs", ["Payments", "Total (GBP)"], ["Prepared (UK time)"], [Roles.Finance]),
        new("funds", "", Finance, "/finance/funds", ["Cap (%)"], [], [Roles.Finance, Roles.Administrator]),
        new("awaiting-decision", "", ChiefExecutive, "/decisions", ["Requested (GBP)"], [], [Roles.DecisionMaker, Roles.Commissioner]),
        new("decisions", "", Commissioner, "/decisions", ["Amount (GBP)"], ["Date"], [Roles.DecisionMaker, Roles.Commissioner]),
        new("rounds", "", Officer, "/staff/rounds", ["Budget (GBP)", "Applications"], ["Opens (UK time)", "Closes (UK time)"], [Roles.GrantsOfficer]),
        new("assignments", "", Assessor, "/assess", [], ["Due"], [Roles.Assessor]),
        new("staff", "", Admin, "/admin/staff", [], ["Last signed in (UK time)"], [Roles.Administrator]),
        new("case-activity", "", Admin, "/admin", [], ["When (UK time)"], [Roles.Administrator]),
        new("decision-notices", "", Officer, "/decision-notices", ["Amount (GBP)"], ["Signed", "Last changed (UK time)"],
            [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner]),
        new("panel-figure", Figure, Panel, "/panel/figures?" + Figure, ["Amount (GBP)", "Share (%)", "Counted (GBP)"], ["Date"],
            [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner, Roles.PanelMember]),
    ];

    public static TheoryData<string> Tables => new(Cases.Select(c => c.Table));

    public static TheoryData<string, string> Users => DemoUsers.OneOfEachRole;

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task Export_ReadsBackAsTheSameTypedValues_WithEveryRowOfThePagesQuery(string table)
    {
        var c = Cases.Single(x => x.Table == table);
        using var client = await site.SignedInClientAsync(c.User);
        var suffix = c.Query.Length == 0 ? "" : "?" + c.Query;

        var csv = await AssertBothFilesReadBackAsync(client, $"/exports/{c.Table}", suffix, c.Numbers, c.Dates);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri(c.Page, UriKind.Relative)));

        // The rows are the page's query's rows, all of them, in its order.
        var expected = await ExpectedFirstColumnAsync(c);
        Assert.Equal(expected, csv.Rows.Select(row => row[0]).ToList());
        Assert.Contains($"/exports/{c.Table}.xlsx", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applications_ExportHoldsEveryApplication_NotOnlyTheFirstPage_AndFollowsTheStateFilter()
    {
        using var client = await site.SignedInClientAsync(Officer);
        var search = site.Services.GetRequiredService<ApplicationSearch>();
        var all = await search.SearchAsync(new ApplicationQuery(Take: 1));
        var busiest = (await site.Services.GetRequiredService<DashboardQueries>().OfficerAsync()).ApplicationsByState.MaxBy(s => s.Count)!;

        var everything = ReadCsv(await client.GetStringAsync(new Uri("/exports/applications.csv", UriKind.Relative)));
        var filtered = ReadXlsx(await client.GetByteArrayAsync(new Uri($"/exports/applications.xlsx?state={busiest.State}", UriKind.Relative)));

        Assert.True(all.Count > 20, $"the demo has {all.Count} applications; the grid shows 20 a page");
        Assert.Equal(all.Count, everything.Rows.Count);
        Assert.Equal(busiest.Count, filtered.Rows.Count);
        Assert.All(filtered.Rows, r => Assert.Equal(Components.Shared.StateNames.Describe(busiest.State), r.Value[3]));
    }

    [Fact]
    public async Task PanelFigure_ExportCountsAndTotalsTheFigure_AsThePageShowsIt()
    {
        using var client = await site.SignedInClientAsync(Panel);
        var page = await client.GetStringAsync(new Uri("/panel/figures?" + Figure, UriKind.Relative));
        var count = int.Parse(CountAttribute().Match(page).Groups[1].Value, CultureInfo.InvariantCulture);
        var totalPence = long.Parse(TotalAttribute().Match(page).Groups[1].Value, CultureInfo.InvariantCulture);

        var xlsx = ReadXlsx(await client.GetByteArrayAsync(new Uri("/exports/panel-figure.xlsx?" + Figure, UriKind.Relative)));
        var counted = xlsx.Headers.IndexOf("Counted (GBP)");

        Assert.True(count > 25, $"{count} awards: more than one page of 25");
        Assert.Equal(count, xlsx.Rows.Count);
        Assert.Equal(totalPence, xlsx.Rows.Sum(r => (long)Math.Round(decimal.Parse(r.Value[counted], CultureInfo.InvariantCulture) * 100)));
    }

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Exports_AreOnlyForTheRolesThatSeeThePage(string role, string email)
    {
        using var client = await site.SignedInClientAsync(email);

        foreach (var c in Cases)
        {
            var route = $"/exports/{c.Table}.csv" + (c.Query.Length == 0 ? "" : "?" + c.Query);
            RouteAccess.AssertAllowedOrRefused(await client.GetAsync(new Uri(route, UriKind.Relative)), c.Roles.Contains(role), $"{role} {route}");
        }
    }

    [Fact]
    public async Task Exports_SignedOut_RedirectToSignIn_AndQueriesThePageWouldNotShow_AreNotFound()
    {
        using var anonymous = site.NewClient();
        using var officer = await site.SignedInClientAsync(Officer);

        foreach (var c in Cases)
        {
            var response = await anonymous.GetAsync(new Uri($"/exports/{c.Table}.xlsx", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
        foreach (var bad in new[] { "/exports/returns.csv", "/exports/returns.csv?state=Accepted", "/exports/panel-figure.csv?list=grants&from=2013-04-01&to=2013-06-30",
            "/exports/panel-figure.csv?list=awards&from=2013-06-30&to=2013-04-01", "/exports/panel-figure.csv?list=awards&from=2013-04-01&to=2013-06-30&objective=99",
            "/exports/nothing.csv", "/exports/applications.pdf" })
        {
            Assert.True((await officer.GetAsync(new Uri(bad, UriKind.Relative))).StatusCode == HttpStatusCode.NotFound, bad);
        }
    }

    /// <summary>The first column (the reference) of every row the page's own Core query returns, in its order.</summary>
    private async Task<List<string>> ExpectedFirstColumnAsync(Case c)
    {
        using var scope = site.Services.CreateScope();
        var s = scope.ServiceProvider;
        var dashboards = s.GetRequiredService<DashboardQueries>();
        return c.Table switch
        {
            "applications" => await Paged(async (skip, take) => await s.GetRequiredService<ApplicationSearch>().SearchAsync(new ApplicationQuery(Skip: skip, Take: take)) is var p
                ? (p.Items.Select(i => i.Reference), p.Count) : default),
            "returns" => await Paged(async (skip, take) => await dashboards.ReturnsAsync(new ReturnListQuery(ReturnStates.Overdue, Skip: skip, Take: take)) is var p
                ? (p.Items.Select(i => i.Reference), p.Count) : default),
            "portfolio" => await Paged(async (skip, take) => await s.GetRequiredService<PortfolioQueries>().PageAsync(new PortfolioQuery(null, Unassigned: true, Skip: skip, Take: take)) is var p
                ? (p.Rows.Select(i => i.Reference), p.Totals.Awards) : default),
            "payments" => await Paged(async (skip, take) => await dashboards.PaymentsNeedingActionAsync(new PaymentListQuery(Skip: skip, Take: take)) is var p
                ? (p.Items.Select(i => i.Reference), p.Count) : default),
            "payment-runs" => (await s.GetRequiredService<PaymentRunService>().ListAsync()).Select(r => r.Reference).ToList(),
            "funds" => (await s.GetRequiredService<FundService>().ListAsync()).Select(f => f.Name).ToList(),
            "awaiting-decision" => (await dashboards.AwaitingDecisionAsync()).Select(a => a.Reference).ToList(),
            "decisions" => await Paged(async (skip, take) => await dashboards.DecisionsAsync(new DecisionListQuery(NoticesOnly: true, Skip: skip, Take: take)) is var p
                ? (p.Items.Select(d => UkTime.ToUkDate(d.DecidedAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), p.Count) : default),
            "rounds" => await Paged(async (skip, take) => await s.GetRequiredService<RoundService>().ListAsync(new RoundListQuery(Skip: skip, Take: take)) is var p
                ? (p.Items.Select(i => i.Reference), p.Count) : default),
            "assignments" => (await s.GetRequiredService<AssessorService>().InboxAsync(await ActorAsync(Assessor))).Items.Select(i => i.Reference).ToList(),
            "staff" => await Paged(async (skip, take) => await s.GetRequiredService<StaffAdministration>().ListAsync(null, StaffSort.Name, false, skip, take) is var p
                ? (p.Rows.Select(i => i.Name), p.Total) : default),
            "case-activity" => (await s.GetRequiredService<AdminAndApplicantQueries>().AdminAsync()).RecentActivity
                .Select(j => UkTime.ToUk(j.At).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).ToList(),
            "decision-notices" => await Paged(async (skip, take) => await s.GetRequiredService<DecisionNoticeService>().ListAsync(null, null, NoticeSort.Updated, true, skip, take) is var p
                ? (p.Rows.Select(i => i.Reference), p.Total) : default),
            "panel-figure" => await FigureReferencesAsync(s),
            _ => throw new InvalidOperationException(c.Table),
        };
    }

    private static async Task<List<string>> FigureReferencesAsync(IServiceProvider s)
    {
        var drill = s.GetRequiredService<Core.Features.Reports.FigureDrillDown>();
        var query = Core.Features.Reports.FigureQuery.Parse("awards", "2013-04-01", "2013-06-30", null, null)!;
        var refs = new List<string>();
        for (var n = 1; ; n++)
        {
            var p = (await drill.PageAsync(query, n))!;
            refs.AddRange(p.Lines.Select(l => l.Reference));
            if (n >= p.Pages)
            {
                return refs;
            }
        }
    }

    private async Task<Actor> ActorAsync(string email)
    {
        var user = (await site.FindUserAsync(email))!;
        return new Actor(user.Id, user.DisplayName, new HashSet<string> { Roles.Assessor });
    }

    /// <summary>Pages of 7 (not the export's batch size), so the expectation does not share the export's paging.</summary>
    private static async Task<List<string>> Paged(Func<int, int, Task<(IEnumerable<string> Items, int Count)>> page)
    {
        var all = new List<string>();
        while (true)
        {
            var (items, count) = await page(all.Count, 7);
            var before = all.Count;
            all.AddRange(items);
            if (all.Count == before || all.Count >= count)
            {
                return all;
            }
        }
    }

    /// <summary>Downloads a table as CSV and XLSX, and checks both read back to the same headings and the same typed values; returns the CSV.</summary>
    private static async Task<CsvTable> AssertBothFilesReadBackAsync(HttpClient client, string address, string query, string[] numbers, string[] dates)
    {
        var csvResponse = await client.GetAsync(new Uri($"{address}.csv{query}", UriKind.Relative));
        var xlsxResponse = await client.GetAsync(new Uri($"{address}.xlsx{query}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, xlsxResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = ReadCsv(await csvResponse.Content.ReadAsStringAsync());
        var xlsx = ReadXlsx(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(csv.Headers, xlsx.Headers);
        Assert.Equal(csv.Rows.Count, xlsx.Rows.Count);
        for (var r = 0; r < csv.Rows.Count; r++)
        {
            for (var i = 0; i < csv.Headers.Count; i++)
            {
                AssertSameValue(csv.Headers[i], csv.Rows[r][i], xlsx.Rows[r][i], numbers.Contains(csv.Headers[i]), dates.Contains(csv.Headers[i]));
            }
        }
        return csv;
    }

    private static void AssertSameValue(string header, string csv, XlsxCell xlsx, bool number, bool date)
    {
        if (number && csv.Length > 0)
        {
            Assert.True(xlsx.Kind == CellKind.Number, $"{header}: {xlsx.Kind} in the workbook");
            Assert.Equal(decimal.Parse(csv, NumberStyles.Number, CultureInfo.InvariantCulture), decimal.Parse(xlsx.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        else if (date && csv.Length > 0)
        {
            Assert.True(xlsx.Kind is CellKind.Date or CellKind.DateTime, $"{header}: {xlsx.Kind} in the workbook");
            var when = DateTime.FromOADate(double.Parse(xlsx.Text, CultureInfo.InvariantCulture));
            Assert.Equal(csv, xlsx.Kind == CellKind.Date
                ? DateOnly.FromDateTime(when).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : new DateTime((when.Ticks + (TimeSpan.TicksPerMinute / 2)) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        }
        else
        {
            // Text: the same, except that the CSV neutralises a leading formula character.
            Assert.True(csv == xlsx.Text || csv == "'" + xlsx.Text, $"{header}: CSV '{csv}', workbook '{xlsx.Text}'");
            Assert.True(xlsx.Kind is CellKind.Text or CellKind.Empty, $"{header}: {xlsx.Kind} for text");
        }
    }

    private sealed record CsvTable(List<string> Headers, List<List<string>> Rows);

    private static CsvTable ReadCsv(string text)
    {
        using var reader = new CsvReader(new StringReader(text), new CsvConfiguration(CultureInfo.InvariantCulture));
        reader.Read();
        reader.ReadHeader();
        var headers = reader.HeaderRecord!.ToList();
        var rows = new List<List<string>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, headers.Count).Select(i => reader.GetField(i) ?? "").ToList());
        }
        return new CsvTable(headers, rows);
    }

    private enum CellKind
    {
        Empty,
        Text,
        Number,
        Date,
        DateTime,
    }

    private sealed record XlsxCell(CellKind Kind, string Text);

    private sealed record XlsxRow(List<XlsxCell> Cells)
    {
        public IReadOnlyList<string> Value => Cells.Select(c => c.Text).ToList();

        public XlsxCell this[int i] => i < Cells.Count ? Cells[i] : new XlsxCell(CellKind.Empty, "");
    }

    private sealed record XlsxTable(List<string> Headers, List<XlsxRow> Rows);

    private static XlsxTable ReadXlsx(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var formats = workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().Select(f => f.NumberFormatId?.Value ?? 0).ToList();
        var codes = workbook.WorkbookStylesPart.Stylesheet.NumberingFormats!.Elements<NumberingFormat>().ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode!.Value!);
        var rows = workbook.WorksheetParts.Single().Worksheet.Descendants<Row>().Select(r => new XlsxRow(r.Elements<Cell>().Select(cell =>
        {
            if (cell.DataType?.Value == CellValues.InlineString)
            {
                return new XlsxCell(CellKind.Text, cell.InlineString!.InnerText);
            }
            if (cell.CellValue is null)
            {
                return new XlsxCell(CellKind.Empty, "");
            }
            var code = cell.StyleIndex is { } style && codes.TryGetValue(formats[(int)style.Value], out var c) ? c : "";
            var kind = code.Contains("hh:mm", StringComparison.Ordinal) ? CellKind.DateTime : code.Contains("yyyy", StringComparison.Ordinal) ? CellKind.Date : CellKind.Number;
            return new XlsxCell(kind, cell.CellValue.Text);
        }).ToList())).ToList();
        return new XlsxTable(rows[0].Cells.Select(c => c.Text).ToList(), rows.Skip(1).ToList());
    }

    [GeneratedRegex("data-count=\"(\\d+)\"")]
    private static partial Regex CountAttribute();

    [GeneratedRegex("data-total-pence=\"(-?\\d+)\"")]
    private static partial Regex TotalAttribute();
}
