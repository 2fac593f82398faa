using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>
/// The payment-run journey in a real browser: finance prepares a run from a ready payment, the preparer is refused
/// authorising it (the reason on screen), a second finance user authorises and exports it (CSV and XLSX, the second
/// download byte-identical), finance imports the finance system's paid file, and the applicant sees the payment paid.
/// On its own site, as it changes the demo's payments.
/// </summary>
[Collection(PaymentJourneyCollection.Name)]
public sealed class PaymentRunJourneyTests(BrowserSite site)
{
    private const string Finance = "finance@demo.opcc-grants.example";
    private const string FinanceManager = "finance.manager@demo.opcc-grants.example";
    private const string Payment = "AWD-CY-0020-P2";

    [Fact]
    public async Task FinancePreparesASecondUserAuthorisesAndExports_ThePaidFileIsImported_AndTheApplicantSeesItPaid()
    {
        var awardId = await ReadyTheApplicantsInstalmentAsync();
        var today = UkTime.ToUkDate(DateTimeOffset.UtcNow);

        // Finance picks the ready payment into a run.
        var preparer = await site.SignedInPageAsync(Finance);
        await preparer.GotoAsync("/finance/runs");
        await preparer.GetByLabel("Include " + Payment).CheckAsync();
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Prepare a run of 1 payment" }).ClickAsync();
        await preparer.WaitForURLAsync(u => System.Text.RegularExpressions.Regex.IsMatch(u, @"/finance/runs/\d+$"));
        var runPath = new Uri(preparer.Url).AbsolutePath;
        await Assertions.Expect(preparer.Locator("p.lead .tag")).ToHaveTextAsync("Prepared: awaiting authorisation");
        await Assertions.Expect(preparer.Locator("main")).ToContainTextAsync(Payment);

        // The preparer may not authorise it: refused, with the reason on screen, and nothing changed.
        await preparer.GetByRole(AriaRole.Button, new() { Name = "Authorise the run" }).ClickAsync();
        await Assertions.Expect(preparer.Locator(".error-summary")).ToContainTextAsync("You prepared this run, so another finance user must authorise it (segregation of duties).");
        await Assertions.Expect(preparer.Locator("p.lead .tag")).ToHaveTextAsync("Prepared: awaiting authorisation");
        await preparer.Context.CloseAsync();

        // A second finance user authorises it, then exports it.
        var authoriser = await site.SignedInPageAsync(FinanceManager);
        await authoriser.GotoAsync(runPath);
        await authoriser.GetByRole(AriaRole.Button, new() { Name = "Authorise the run" }).ClickAsync();
        await Assertions.Expect(authoriser.Locator("[role=status]")).ToHaveTextAsync("The run and its payments are authorised.");
        await Assertions.Expect(authoriser.Locator("p.lead .tag")).ToHaveTextAsync("Authorised: ready to export");
        await authoriser.GetByRole(AriaRole.Button, new() { Name = "Export to the finance system" }).ClickAsync();
        await Assertions.Expect(authoriser.Locator("p.lead .tag")).ToHaveTextAsync("Exported to the finance system");
        var batch = (await authoriser.Locator("dt:text-is('Batch reference') + dd").InnerTextAsync()).Trim();
        Assert.StartsWith("OPCC-RUN-", batch, StringComparison.Ordinal);

        // Both files download, and downloading again gives the same bytes.
        var csv = await DownloadAsync(authoriser, batch + ".csv");
        Assert.Equal(csv, await DownloadAsync(authoriser, batch + ".csv"));
        var xlsx = await DownloadAsync(authoriser, batch + ".xlsx");
        Assert.Equal(xlsx, await DownloadAsync(authoriser, batch + ".xlsx"));
        var csvLines = Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, csvLines.Length);
        Assert.StartsWith($"\"{batch}\",\"{Payment}\",\"AWD-CY-0020\",", csvLines[1], StringComparison.Ordinal);
        Assert.Contains(",3000.00,", csvLines[1], StringComparison.Ordinal);
        Assert.Equal((Payment, 3000m), XlsxPaymentAndAmount(xlsx));
        await authoriser.Context.CloseAsync();

        // The finance system's status file comes back: imported by someone other than the authoriser, it pays the payment.
        var importer = await site.SignedInPageAsync(Finance);
        await importer.GotoAsync("/finance/reconciliation");
        var status = $"Payment reference,Finance reference,Amount (GBP),Paid date\r\n{Payment},BACS-JOURNEY-1,3000.00,{today:yyyy-MM-dd}\r\n";
        await Assertions.Expect(importer.Locator("#file")).ToBeEnabledAsync();
        await importer.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "bacs-status-journey.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(status) });
        await Assertions.Expect(importer.Locator("[role=status]")).ToHaveTextAsync("1 row read: 1 payment recorded as paid, 0 listed below to resolve.");
        await importer.Context.CloseAsync();

        // The applicant sees the payment as paid, on the grant and on their dashboard.
        var applicant = await site.SignedInPageAsync("applicant@demo.opcc-grants.example");
        await applicant.GotoAsync($"/applicant/grants/{awardId}");
        var row = applicant.Locator("tr", new() { HasTextString = Payment });
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Paid");
        await Assertions.Expect(row.Locator("td").Nth(3)).ToHaveTextAsync(today.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
        await Assertions.Expect(applicant.Locator("#paid-so-far")).ToHaveTextAsync("£6,000.00");
        await applicant.GotoAsync("/applicant");
        await Assertions.Expect(applicant.Locator("tr", new() { HasTextString = Payment })).ToContainTextAsync("BACS-JOURNEY-1");
        await applicant.Context.CloseAsync();
    }

    /// <summary>
    /// The demo applicant's second instalment waits for a return; the grants officer takes that condition off and brings
    /// it forward to today through the schedule service (what the schedule page calls), which releases it as ready.
    /// </summary>
    private async Task<int> ReadyTheApplicantsInstalmentAsync()
    {
        int awardId;
        ScheduleInput input;
        await using (var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync())
        {
            awardId = await db.Awards.Where(a => a.AwardReference == "AWD-CY-0020").Select(a => a.Id).SingleAsync();
            var view = (await site.Services.GetRequiredService<PaymentSchedules>().GetAsync(awardId))!;
            input = new ScheduleInput
            {
                Instalments = view.Lines.Where(l => l.Editable).Select(l => new InstalmentInput
                {
                    PaymentId = l.PaymentId, Due = l.Reference == Payment ? UkTime.ToUkDate(DateTimeOffset.UtcNow) : l.Due,
                    Amount = l.Amount.Pounds.ToString("0.00", CultureInfo.InvariantCulture), Basis = l.Basis, Justification = l.Justification,
                    Condition = l.Reference == Payment ? InstalmentCondition.None : l.Condition, ReturnId = l.ReturnId, Document = l.Document,
                }).ToList(),
            };
        }
        var officer = await OfficerAsync();
        var saved = await site.Services.GetRequiredService<PaymentSchedules>().SaveAsync(awardId, input, officer, "journey:" + Guid.NewGuid().ToString("N"));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Values));
        await using var check = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        Assert.Equal(PaymentStates.Ready, await check.Payments.Where(p => p.PaymentReference == Payment).Select(p => p.State).SingleAsync());
        return awardId;
    }

    private async Task<Actor> OfficerAsync()
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var user = await db.Users.SingleAsync(u => u.Email == "officer@demo.opcc-grants.example");
        return new Actor(user.Id, user.DisplayName, new HashSet<string> { Roles.GrantsOfficer });
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync());
        Assert.Equal(name, download.SuggestedFilename);
        await using var stream = await download.CreateReadStreamAsync();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>The XLSX read back with the OpenXml SDK: the payment reference (text) and the amount (a number) of its one payment row.</summary>
    private static (string Reference, decimal Amount) XlsxPaymentAndAmount(byte[] xlsx)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(2, rows.Count);
        var headings = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        var cells = rows[1].Elements<Cell>().ToList();
        var amount = cells[headings.IndexOf("Amount (GBP)")];
        Assert.Equal(CellValues.Number, amount.DataType!.Value);
        return (cells[headings.IndexOf("Payment reference")].InnerText, decimal.Parse(amount.CellValue!.Text, CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A demo site of its own (xUnit gives each collection its own fixture) for the payment-run journey, which pays one of
/// the demo applicant's instalments. Runs alone, after the other collections, like the applicant journey.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PaymentJourneyCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser for the payment-run journey";
}
