using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Retention;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Retention;

/// <summary>
/// The purge on the demo data: the 2013/14 unsuccessful and withdrawn applications are past the default policies; one is
/// under a legal hold, and one is made the application behind a live award. Approval does exactly what the report said,
/// skips what was put on hold since, and the audit chain still verifies.
/// </summary>
public class RetentionServiceTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly Actor Admin = Actor.For("admin-1", "Alex Admin", Roles.Administrator);

    private static async Task<TestDatabase> DemoAsync()
    {
        var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();
        await seeds.LoadDemoDataAsync();
        return test;
    }

    [Fact]
    public async Task DemoData_StartsWithADryRunThatListsTheOldUnsuccessfulCases_KeepsTheHeldOne_AndRemovesNothing()
    {
        await using var test = await DemoAsync();
        var retention = test.Get<RetentionService>();

        var run = await retention.LatestRunAsync();
        var items = await retention.AllItemsAsync(run!.Id);

        Assert.Equal(RetentionRunStatus.Proposed, run.Status);
        Assert.Null(run.ApprovedAt);
        Assert.Equal(["CGS-2013-0901", "CGS-2013-0902", "CGS-2013-0903"], items.Where(i => i.Kind == RetentionItemKind.Purge).Select(i => i.Reference).Order());
        Assert.Equal("Kept: under legal hold.", items.Single(i => i.Reference == "CGS-2013-0904").Action);
        Assert.DoesNotContain(items, i => i.Reference == "CGS-CY-0007"); // rejected 110 days ago: not yet past two years
        await using var db = test.NewContext();
        Assert.All(await db.Applications.Where(a => a.ApplicationReference.StartsWith("CGS-2013-09")).ToListAsync(), a => Assert.NotNull(a.Summary));
    }

    [Fact]
    public async Task Approve_PerformsExactlyTheReportedSet_SkipsHoldsPlacedSince_NeverALiveAwardsApplication_AndTheChainVerifies()
    {
        await using var test = await DemoAsync();
        var retention = test.Get<RetentionService>();
        var folder = test.Get<AttachmentStore>().Folder;
        Directory.CreateDirectory(folder);
        await using (var db = test.NewContext())
        {
            // A document on an old rejected application, with its file in the store.
            var rejected = await db.Applications.SingleAsync(a => a.ApplicationReference == "CGS-2013-0901");
            await File.WriteAllTextAsync(Path.Combine(folder, "retention-test.pdf"), "%PDF-1.4 test");
            db.Attachments.Add(new Attachment
            {
                ApplicationId = rejected.Id, Purpose = "Accounts", FileName = "accounts.pdf", ContentType = "application/pdf", SizeBytes = 13,
                StoredName = "retention-test.pdf", Sha256 = new string('0', 64), UploadedAt = Today.AddYears(-13),
            });
            // A live (Active) award that needs CGS-2013-0902.
            var needed = await db.Applications.SingleAsync(a => a.ApplicationReference == "CGS-2013-0902");
            var award = await db.Awards.SingleAsync(a => a.AwardReference == "AWD-2013-0005");
            award.ApplicationId = needed.Id;
            await db.SaveChangesAsync();
        }
        var report = (await retention.CreateReportAsync(Admin)).Value!;
        var reported = await retention.AllItemsAsync(report.Id);
        // After the report: a hold on one listed case, and a shorter policy that would catch more if approval recomputed.
        Assert.True((await retention.PlaceHoldAsync(new LegalHoldInput { Reference = "CGS-2013-0903", Reason = "Requested by the Commissioner's solicitor." }, Admin)).Succeeded);
        Assert.True((await retention.UpdatePolicyAsync(new RetentionPolicyInput { RecordType = RetentionRecordType.UnsuccessfulApplication, Period = "1", Unit = RetentionUnit.Months }, Admin)).Succeeded);
        await test.Get<AuditAnchor>().WriteAsync();

        var approval = await retention.ApproveAsync(report.Id, Admin);

        Assert.True(approval.Succeeded, string.Join(" ", approval.Errors.Values));
        Assert.Equal((1, 1, 1), (approval.Value!.Purged, approval.Value.Skipped, approval.Value.DocumentsDeleted));
        Assert.Equal(["CGS-2013-0901", "CGS-2013-0903"], reported.Where(i => i.Kind == RetentionItemKind.Purge).Select(i => i.Reference).Order());
        Assert.Equal("Kept: award AWD-2013-0005 is not closed and needs it.", reported.Single(i => i.Reference == "CGS-2013-0902").Action);
        await using (var db = test.NewContext())
        {
            var apps = await db.Applications.Where(a => a.ApplicationReference.StartsWith("CGS-2013-09") || a.ApplicationReference == "CGS-CY-0007")
                .ToDictionaryAsync(a => a.ApplicationReference);
            Assert.Equal((null, null, null), (apps["CGS-2013-0901"].Summary, apps["CGS-2013-0901"].Beneficiaries, apps["CGS-2013-0901"].StartedByName));
            Assert.False(await db.Attachments.AnyAsync(a => a.ApplicationId == apps["CGS-2013-0901"].Id));
            Assert.False(File.Exists(Path.Combine(folder, "retention-test.pdf")));
            Assert.All(new[] { "CGS-2013-0902", "CGS-2013-0903", "CGS-2013-0904", "CGS-CY-0007" }, r => Assert.NotNull(apps[r].Summary));
            Assert.Equal(RetentionOutcome.Skipped, (await db.Set<RetentionRunItem>().SingleAsync(i => i.RunId == report.Id && i.Reference == "CGS-2013-0903")).Outcome);
            var actions = await db.AuditLog.Where(e => e.Action.StartsWith("Retention.")).OrderBy(e => e.Id).Select(e => new { e.Action, e.EntityId, e.ActorName }).ToListAsync();
            Assert.Contains(actions, a => a.Action == RetentionService.PurgedAction && a.EntityId == "CGS-2013-0901" && a.ActorName == "Alex Admin");
            Assert.Contains(actions, a => a.Action == RetentionService.SkippedAction && a.EntityId == "CGS-2013-0903");
            Assert.Single(actions, a => a.Action == RetentionService.PurgedAction);
            Assert.Equal([RetentionService.ApprovedAction, RetentionService.PurgedAction, RetentionService.SkippedAction, RetentionService.PerformedAction],
                actions.Select(a => a.Action).SkipWhile(a => a != RetentionService.ApprovedAction).Distinct());
            Assert.DoesNotContain("accounts.pdf", string.Concat(await db.AuditLog.Where(e => e.Action == RetentionService.PurgedAction).Select(e => e.After).ToListAsync()), StringComparison.Ordinal);
        }
        await test.Get<AuditAnchor>().WriteAsync();
        var verification = await test.Get<AuditVerifier>().VerifyAsync();
        Assert.True(verification.IsIntact, verification.Reason);
        var summary = await retention.RunAsync(report.Id);
        Assert.Equal((RetentionRunStatus.Performed, "Alex Admin"), (summary!.Status, summary.ApprovedByName));
    }

    [Fact]
    public async Task ANewReport_ReplacesTheWaitingOne_WhichCanNoLongerBeApproved_AndAPerformedReportIsNotApprovedTwice()
    {
        await using var test = await DemoAsync();
        var retention = test.Get<RetentionService>();
        var first = (await retention.LatestRunAsync())!;

        var second = (await retention.CreateReportAsync(Admin)).Value!;
        var stale = await retention.ApproveAsync(first.Id, Admin);
        var approved = await retention.ApproveAsync(second.Id, Admin);
        var again = await retention.ApproveAsync(second.Id, Admin);

        Assert.IsType<NoLongerPossible>(stale.Failure);
        Assert.Equal("This report can no longer be approved: a newer report replaced it. Approve the latest report.", Failures.Message(stale.Failure!));
        Assert.Equal(3, approved.Value!.Purged);
        Assert.Equal("This report can no longer be approved: Alex Admin approved it already.", Failures.Message(again.Failure!));
        Assert.IsType<NotAllowed>((await retention.ApproveAsync(second.Id, Actor.For("officer-1", "Gina Officer", Roles.GrantsOfficer))).Failure);
    }

    [Fact]
    public async Task PoliciesAndHolds_RefuseBadInput_WithClearMessages_AndAuditChanges()
    {
        await using var test = await DemoAsync();
        var retention = test.Get<RetentionService>();

        var word = await retention.UpdatePolicyAsync(new RetentionPolicyInput { RecordType = RetentionRecordType.WithdrawnApplication, Period = "six", Unit = RetentionUnit.Months }, Admin);
        var tooShort = await retention.UpdatePolicyAsync(new RetentionPolicyInput { RecordType = RetentionRecordType.ClosedAward, Period = "3", Unit = RetentionUnit.Years }, Admin);
        var tooLong = await retention.UpdatePolicyAsync(new RetentionPolicyInput { RecordType = RetentionRecordType.WithdrawnApplication, Period = "51", Unit = RetentionUnit.Years }, Admin);
        var unknown = await retention.PlaceHoldAsync(new LegalHoldInput { Reference = "CGS-1999-0001", Reason = "A claim." }, Admin);
        var twice = await retention.PlaceHoldAsync(new LegalHoldInput { Reference = "cgs-2013-0904", Reason = "A claim." }, Admin);
        var noReason = await retention.PlaceHoldAsync(new LegalHoldInput { Reference = "CGS-2013-0901", Reason = " " }, Admin);
        var saved = await retention.UpdatePolicyAsync(new RetentionPolicyInput { RecordType = RetentionRecordType.ClosedAward, Period = "10", Unit = RetentionUnit.Years }, Admin);
        var held = (await retention.HoldsAsync(0, 10)).Rows.Single();
        var lifted = await retention.LiftHoldAsync(new LiftHoldInput { HoldId = held.Id, Reason = "Complaint closed." }, Admin);
        var liftedAgain = await retention.LiftHoldAsync(new LiftHoldInput { HoldId = held.Id, Reason = "Complaint closed." }, Admin);

        Assert.Equal("Enter the period as a whole number, such as 6.", word.Errors["Period"]);
        Assert.Equal("Closed awards, with their returns and payments are financial records: keep them for at least 6 years after they close.", tooShort.Errors["Period"]);
        Assert.Equal("Keep records for at most 50 years.", tooLong.Errors["Period"]);
        Assert.Equal("There is no application or award CGS-1999-0001; check the reference.", unknown.Errors["Reference"]);
        Assert.IsType<AlreadyOnHold>(twice.Failure);
        Assert.Equal("Enter why the case must be kept, such as the claim or request it is needed for.", noReason.Errors["Reason"]);
        Assert.Equal("10 years", saved.Value!.Describe);
        Assert.True(lifted.Succeeded);
        Assert.IsType<NoLongerPossible>(liftedAgain.Failure);
        Assert.IsType<NotAllowed>((await retention.PlaceHoldAsync(new LegalHoldInput { Reference = "CGS-2013-0901", Reason = "x" }, Actor.For("f", "Finance", Roles.Finance))).Failure);
        await using var db = test.NewContext();
        Assert.Equal([RetentionService.PolicyChangedAction, RetentionService.HoldLiftedAction],
            await db.AuditLog.Where(e => e.Action == RetentionService.PolicyChangedAction || e.Action == RetentionService.HoldLiftedAction).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(10, (await db.Set<RetentionPolicy>().SingleAsync(p => p.RecordType == RetentionRecordType.ClosedAward)).Period);
    }
}
