using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GrantsCommissioning.Core.Tests.Features.Finance;

/// <summary>Payment runs end to end: prepare, segregation of duties, export (byte-identical, read back), status import and reconciliation.</summary>
public sealed class PaymentRunTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private sealed record Setup(WorkflowTestHost Host, FinanceTestData Finance, Actor Preparer, Actor Recorder, Actor Authoriser, Award Award, Payment First, Payment Second)
    {
        public PaymentRunService Runs => Host.Services.GetRequiredService<PaymentRunService>();
        public PaymentStatusImporter Importer => Host.Services.GetRequiredService<PaymentStatusImporter>();
    }

    private static async Task<Setup> SetupAsync()
    {
        var host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(Now));
        var finance = new FinanceTestData(host);
        var preparer = await finance.Data.UserAsync("Pat", Roles.Finance);
        var recorder = await finance.Data.UserAsync("Rita", Roles.Finance);
        var authoriser = await finance.Data.UserAsync("Cara", Roles.Finance);
        var award = await finance.AwardAsync();
        using (var db = host.Db())
        {
            var org = await db.Organisations.SingleAsync(o => o.Id == award.OrganisationId);
            (org.BankAccountName, org.BankSortCode, org.BankAccountNumber) = ("Community Group", "40-11-62", "12345678");
            await db.SaveChangesAsync();
        }
        var first = await finance.PaymentAsync(award, PaymentStates.Ready, 500_000, recordedBy: recorder.UserId);
        var second = await finance.PaymentAsync(award, PaymentStates.Ready, 123_456, recordedBy: Actor.SystemUserId);
        return new Setup(host, finance, preparer, recorder, authoriser, award, first, second);
    }

    [Fact]
    public async Task Run_PreparedByOne_AuthorisedByAThird_ExportsByteIdenticalFilesThatReadBack()
    {
        var s = await SetupAsync();
        await using var host = s.Host;

        var prepared = await s.Runs.PrepareAsync([s.First.Id, s.Second.Id], s.Preparer);
        Assert.True(prepared.Succeeded, string.Join(" ", prepared.Errors.Values));
        var runId = prepared.Value;
        var again = await s.Runs.PrepareAsync([s.First.Id], s.Authoriser);
        var early = await s.Runs.ExportAsync(runId, s.Authoriser, "export-early");
        var bySelf = await s.Runs.AuthoriseAsync(runId, s.Preparer, "auth-self");
        var byRecorder = await s.Runs.AuthoriseAsync(runId, s.Recorder, "auth-recorder");
        var authorised = await s.Runs.AuthoriseAsync(runId, s.Authoriser, "auth-ok");
        var exported = await s.Runs.ExportAsync(runId, s.Preparer, "export-1");

        Assert.Contains("already in another payment run", again.Errors[""], StringComparison.Ordinal);
        Assert.IsType<RunNotExported>(early.Failure);
        Assert.Contains("You prepared this run", bySelf.Errors[""], StringComparison.Ordinal);
        Assert.Contains("You recorded payment", byRecorder.Errors[""], StringComparison.Ordinal);
        Assert.True(authorised.Succeeded, string.Join(" ", authorised.Errors.Values));
        Assert.True(exported.Succeeded, string.Join(" ", exported.Errors.Values));
        using (var db = host.Db())
        {
            Assert.All(await db.Payments.Where(p => p.AwardId == s.Award.Id).ToListAsync(), p =>
                Assert.Equal((PaymentStates.Authorised, s.Authoriser.UserId), (p.State, p.AuthorisedByUserId)));
        }

        var csv = (await s.Runs.FileAsync(runId, "csv")).Value!;
        var xlsx = (await s.Runs.FileAsync(runId, "xlsx")).Value!;
        Assert.True((await s.Runs.ExportAsync(runId, s.Recorder, "export-2")).Succeeded);
        Assert.Equal(csv.Content, (await s.Runs.FileAsync(runId, "csv")).Value!.Content);
        Assert.Equal(xlsx.Content, (await s.Runs.FileAsync(runId, "xlsx")).Value!.Content);
        var batch = (await s.Runs.DetailAsync(runId))!.BatchReference!;
        Assert.Equal(batch + ".csv", csv.FileName);
        var csvLines = Encoding.UTF8.GetString(csv.Content).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, csvLines.Length);
        Assert.Contains($"\"{s.Second.PaymentReference}\"", csvLines[2], StringComparison.Ordinal);
        Assert.EndsWith(",\"12345678\",1234.56,2026-10-01", csvLines[2], StringComparison.Ordinal);

        var rows = ReadXlsx(xlsx.Content);
        Assert.Equal("Batch reference", rows[0][0]);
        Assert.Equal((batch, s.Second.PaymentReference, "12345678", "1234.56", new DateOnly(2026, 10, 1).ToString("O", CultureInfo.InvariantCulture)),
            (rows[2][0], rows[2][1], rows[2][7], rows[2][8], rows[2][9]));
    }

    [Fact]
    public async Task Run_WithAFlaggedBankChange_CannotGoUntilVerified_AndTheVerifierCannotAuthorise()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var applicant = await s.Finance.Data.UserAsync("Olive", Roles.Applicant);
        using (var db = host.Db())
        {
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = s.Award.OrganisationId, UserId = applicant.UserId, Email = "olive@example.org", Role = OrganisationRole.Owner });
            await db.SaveChangesAsync();
        }
        var runId = (await s.Runs.PrepareAsync([s.First.Id, s.Second.Id], s.Preparer)).Value;
        var changed = await host.Services.GetRequiredService<OrganisationService>().SetBankDetailsAsync(s.Award.OrganisationId,
            new BankDetailsInput { AccountName = "Group", SortCode = "40-11-62", AccountNumber = "87654321" }, applicant);
        Assert.True(changed.Succeeded);
        var verification = host.Services.GetRequiredService<BankDetailsVerification>();
        var change = Assert.Single((await s.Runs.DetailAsync(runId))!.BankChanges);

        var blocked = await s.Runs.AuthoriseAsync(runId, s.Authoriser, "auth-blocked");
        var byPreparer = await verification.VerifyAsync(change.Id, "Called them.", s.Preparer);
        var verified = await verification.VerifyAsync(change.Id, "Called the treasurer on the number held.", s.Authoriser);
        var byVerifier = await s.Runs.AuthoriseAsync(runId, s.Authoriser, "auth-verifier");
        var third = await s.Finance.Data.UserAsync("Tom", Roles.Finance);
        var authorised = await s.Runs.AuthoriseAsync(runId, third, "auth-third");

        Assert.Contains("must verify them before the run can go", blocked.Errors[""], StringComparison.Ordinal);
        Assert.IsType<SecondPersonNeeded>(byPreparer.Failure);
        Assert.True(verified.Succeeded);
        Assert.Contains("a third finance user must authorise", byVerifier.Errors[""], StringComparison.Ordinal);
        Assert.True(authorised.Succeeded, string.Join(" ", authorised.Errors.Values));
    }

    [Fact]
    public async Task StatusImport_PaysWhatMatches_ListsMismatches_AndRefusesBadRowsAndRepeats()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var runId = (await s.Runs.PrepareAsync([s.First.Id, s.Second.Id], s.Preparer)).Value;
        Assert.True((await s.Runs.AuthoriseAsync(runId, s.Authoriser, "auth")).Succeeded);
        Assert.True((await s.Runs.ExportAsync(runId, s.Preparer, "export")).Succeeded);

        var bad = Encoding.UTF8.GetBytes($"Payment reference,Finance reference,Amount (GBP),Paid date\r\n{s.First.PaymentReference},FIN-1,5000.00,2026-11-30\r\n{s.Second.PaymentReference},FIN-2,12.3.4,2026-11-30\r\n");
        var refused = await s.Importer.ImportAsync("bad.csv", bad, s.Preparer);
        Assert.IsType<ImportRowsRefused>(refused.Failure);
        Assert.Contains("Row 3, column 'Amount (GBP)'", refused.Errors["file"], StringComparison.Ordinal);
        using (var db = host.Db())
        {
            Assert.Equal(PaymentStates.Authorised, (await db.Payments.SingleAsync(p => p.Id == s.First.Id)).State);
        }

        var file = Encoding.UTF8.GetBytes("Payment reference,Finance reference,Amount (GBP),Paid date\r\n"
            + $"{s.First.PaymentReference},FIN-1,5000.00,2026-11-30\r\n"
            + $"{s.Second.PaymentReference},FIN-2,1234.50,2026-11-30\r\n"
            + "PAY-NOPE,FIN-3,10.00,2026-11-30\r\n"
            + $"{s.First.PaymentReference},FIN-4,5000.00,2026-11-30\r\n");
        var byAuthoriser = await s.Importer.ImportAsync("status.csv", file, s.Authoriser);
        var imported = await s.Importer.ImportAsync("status.csv", file, s.Preparer);
        var repeated = await s.Importer.ImportAsync("status-again.csv", file, s.Recorder);

        Assert.IsType<SecondPersonNeeded>(byAuthoriser.Failure);
        Assert.Equal(new ImportOutcome(4, 1, 3), imported.Value);
        Assert.IsType<ImportAlreadyTaken>(repeated.Failure);
        using (var db = host.Db())
        {
            var first = await db.Payments.SingleAsync(p => p.Id == s.First.Id);
            Assert.Equal((PaymentStates.Paid, "FIN-1", new DateOnly(2026, 11, 30)), (first.State, first.FinanceReference, first.PaidOn));
            Assert.Equal(PaymentStates.Authorised, (await db.Payments.SingleAsync(p => p.Id == s.Second.Id)).State);
        }
        var mismatches = await s.Importer.MismatchesAsync();
        Assert.Equal([(3, ReconciliationIssue.AmountDiffers), (4, ReconciliationIssue.UnknownReference), (5, ReconciliationIssue.PaidTwice)],
            mismatches.Select(m => (m.Row, m.Issue)).ToList());
        Assert.Equal("Paid £1,234.50; the run exported £1,234.56.", mismatches[0].Detail);
    }

    /// <summary>
    /// Bad input (issue 12): a crash between the export and the status import. The first host stops once the run is
    /// exported; a second host on the same database finds the run and its payments as they were, the same files, no way
    /// to put a payment in a second run, and the paid file pays each payment once however often it comes back.
    /// </summary>
    [Fact]
    public async Task ACrashBetweenExportAndStatusImport_LosesNoPayment_AndPaysNoneTwice()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-crash-" + Guid.NewGuid().ToString("N"));
        try
        {
            int runId;
            byte[] csv, xlsx;
            Actor preparer, authoriser, recorder;
            Payment first, second;
            await using (var before = await WorkflowTestHost.CreateAsync(directory, clock: new FakeTimeProvider(Now)))
            {
                var finance = new FinanceTestData(before);
                (preparer, recorder, authoriser) = (await finance.Data.UserAsync("Pat", Roles.Finance), await finance.Data.UserAsync("Rita", Roles.Finance),
                    await finance.Data.UserAsync("Cara", Roles.Finance));
                var award = await finance.AwardAsync();
                first = await finance.PaymentAsync(award, PaymentStates.Ready, 500_000, recordedBy: recorder.UserId);
                second = await finance.PaymentAsync(award, PaymentStates.Ready, 123_456, recordedBy: Actor.SystemUserId);
                var runs = before.Services.GetRequiredService<PaymentRunService>();
                runId = (await runs.PrepareAsync([first.Id, second.Id], preparer)).Value;
                Assert.True((await runs.AuthoriseAsync(runId, authoriser, "auth")).Succeeded);
                Assert.True((await runs.ExportAsync(runId, preparer, "export")).Succeeded);
                (csv, xlsx) = ((await runs.FileAsync(runId, "csv")).Value!.Content, (await runs.FileAsync(runId, "xlsx")).Value!.Content);
            }

            await using var after = await WorkflowTestHost.CreateAsync(directory, clock: new FakeTimeProvider(Now.AddHours(1)));
            var again = after.Services.GetRequiredService<PaymentRunService>();
            var importer = after.Services.GetRequiredService<PaymentStatusImporter>();
            using (var db = after.Db())
            {
                Assert.Equal(PaymentRunWorkflow.Exported, (await db.Set<PaymentRun>().SingleAsync(r => r.Id == runId)).State);
                Assert.Equal([PaymentStates.Authorised, PaymentStates.Authorised],
                    await db.Payments.Where(p => p.Id == first.Id || p.Id == second.Id).OrderBy(p => p.Id).Select(p => p.State).ToListAsync());
            }
            Assert.True((await again.ExportAsync(runId, recorder, "export-after-restart")).Succeeded);
            Assert.Equal(csv, (await again.FileAsync(runId, "csv")).Value!.Content);
            Assert.Equal(xlsx, (await again.FileAsync(runId, "xlsx")).Value!.Content);
            Assert.False((await again.PrepareAsync([first.Id], preparer)).Succeeded);

            var paid = Encoding.UTF8.GetBytes("Payment reference,Finance reference,Amount (GBP),Paid date\r\n"
                + $"{first.PaymentReference},FIN-1,5000.00,2026-12-01\r\n{second.PaymentReference},FIN-2,1234.56,2026-12-01\r\n");
            var imported = await importer.ImportAsync("paid.csv", paid, preparer);
            var sameFile = await importer.ImportAsync("paid-again.csv", paid, recorder);
            var laterFile = await importer.ImportAsync("paid-later.csv", Encoding.UTF8.GetBytes("Payment reference,Finance reference,Amount (GBP),Paid date\r\n"
                + $"{first.PaymentReference},FIN-9,5000.00,2026-12-02\r\n"), preparer);

            Assert.Equal(new ImportOutcome(2, 2, 0), imported.Value);
            Assert.IsType<ImportAlreadyTaken>(sameFile.Failure);
            Assert.Equal(new ImportOutcome(1, 0, 1), laterFile.Value);
            Assert.Equal(ReconciliationIssue.PaidTwice, Assert.Single(await importer.MismatchesAsync()).Issue);
            using (var db = after.Db())
            {
                var payments = await db.Payments.Where(p => p.Id == first.Id || p.Id == second.Id).OrderBy(p => p.Id).ToListAsync();
                Assert.Equal([(PaymentStates.Paid, "FIN-1", new DateOnly(2026, 12, 1)), (PaymentStates.Paid, "FIN-2", new DateOnly(2026, 12, 1))],
                    payments.Select(p => (p.State, p.FinanceReference, p.PaidOn!.Value)).ToList());
            }
        }
        finally
        {
            WorkflowTestHost.DeleteDataFolder(directory);
        }
    }

    /// <summary>Bad input (issue 12): paying a held payment is refused with the reason it is held, and nothing changes.</summary>
    [Fact]
    public async Task PayingAHeldPayment_IsRefusedWithTheHoldReason_AndNothingChanges()
    {
        var s = await SetupAsync();
        await using var host = s.Host;
        var held = await s.Finance.PaymentAsync(s.Award, PaymentStates.Held, 100_000);
        using (var db = host.Db())
        {
            (await db.Payments.SingleAsync(p => p.Id == held.Id)).HoldReason = "Monitoring return overdue";
            await db.SaveChangesAsync();
        }

        var result = await host.Services.GetRequiredService<PaymentService>().PayAsync(held.Id, new DateOnly(2026, 12, 1), "FIN-HELD", s.Authoriser, "pay-held");

        Assert.Equal($"This payment can no longer be recorded as paid: {held.PaymentReference} is held (Monitoring return overdue): release it and have it authorised first.",
            Assert.Single(result.Errors).Value);
        using (var db = host.Db())
        {
            var row = await db.Payments.SingleAsync(p => p.Id == held.Id);
            Assert.Equal((PaymentStates.Held, (DateOnly?)null, (string?)null), (row.State, row.PaidOn, row.FinanceReference));
        }
    }

    /// <summary>Every cell of the first sheet as text (numbers invariant; date cells as ISO dates).</summary>
    private static List<List<string>> ReadXlsx(byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        var part = document.WorkbookPart!;
        var dateStyles = part.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>()
            .Select((f, i) => (f, i)).Where(x => x.f.NumberFormatId?.Value is 14 or >= 165).Select(x => (uint)x.i).ToHashSet();
        var sheet = part.WorksheetParts.Single().Worksheet;
        return sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.StyleIndex is { } style && dateStyles.Contains(style.Value) ? DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture))).ToString("O", CultureInfo.InvariantCulture)
            : c.CellValue?.Text ?? "").ToList()).ToList();
    }
}
