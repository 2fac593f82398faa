using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Accounts;

/// <summary>The personal-data download gathers everything held about the person, and nothing about someone else.</summary>
public class PersonalDataExportTests
{
    [Fact]
    public async Task ForAsync_FindsTheirApplications_Memberships_Returns_Messages_AuditEntries_AndEmails()
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var sam = await TestData.CreateUserAsync(test, "sam@example.org", "Sam Applicant", Roles.Applicant);
        var other = await TestData.CreateUserAsync(test, "other@example.org", "Other Person", Roles.Applicant);
        var orgId = await TestData.CreateOrganisationAsync(test, "Ludlow Street Pastors", sam);
        var appId = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(5_000m), new Dictionary<int, int> { [2] = 100 }, "CGS-TEST-0042");
        var now = test.Clock.GetUtcNow();
        await using (var db = test.NewContext())
        {
            var application = await db.Applications.SingleAsync(a => a.Id == appId);
            application.CreatedByUserId = sam.UserId;
            var award = new Award
            {
                AwardReference = "AWD-TEST-0042", ApplicationId = appId, OrganisationId = orgId, FundId = (await db.Rounds.SingleAsync(r => r.Id == application.RoundId)).FundId,
                Title = "Street pastors", Purpose = "Street pastors", AmountPence = 500_000, AwardedOn = UkTime.ToUkDate(now), StartDate = UkTime.ToUkDate(now), EndDate = UkTime.ToUkDate(now).AddYears(1),
            };
            var ret = new MonitoringReturn
            {
                ReturnReference = "AWD-TEST-0042-R1", Award = award, PeriodStart = UkTime.ToUkDate(now), PeriodEnd = UkTime.ToUkDate(now).AddMonths(3),
                DueDate = UkTime.ToUkDate(now).AddMonths(4), SubmittedAt = now, SubmittedByUserId = sam.UserId, SignedOffByUserId = sam.UserId, SignedOffByName = "Sam Applicant",
            };
            db.Awards.Add(award);
            db.Returns.Add(ret);
            await db.SaveChangesAsync();
            var workflow = test.Get<ICaseWorkflow>();
            workflow.Import(db, award, AwardStates.Active, now);
            workflow.Import(db, ret, ReturnStates.Queried, now, "Please explain the spend on radios.");
            db.Outbox.Add(new OutboxEmail
            {
                CreatedAt = now, ToAddress = "SAM@example.org", Subject = "Your return was queried", BodyText = "Please explain the spend on radios.",
                MessageId = "<m1@test>", DedupeKey = "test-1", NextAttemptAt = now,
            });
            db.Outbox.Add(new OutboxEmail
            {
                CreatedAt = now, ToAddress = "other@example.org", Subject = "Not Sam's", BodyText = "x", MessageId = "<m2@test>", DedupeKey = "test-2", NextAttemptAt = now,
            });
            await using var tx = await db.Database.BeginTransactionAsync();
            var trail = test.Get<AuditTrail>();
            await trail.AppendAsync(db, sam, "Organisation.MemberInvited", "Organisation", orgId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new { email = "new@example.org" });
            await trail.AppendAsync(db, Actor.For("admin-1", "Alex Admin", Roles.Administrator), "Staff.RolesChanged", "User", sam.UserId, null, null);
            await trail.AppendAsync(db, other, "Organisation.MemberInvited", "Organisation", "999", null, null);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        var records = await test.Get<PersonalDataExport>().ForAsync(sam.UserId, "sam@example.org");

        Assert.Equal("CGS-TEST-0042", Assert.Single(records.Applications).Reference);
        Assert.Equal(("Ludlow Street Pastors", "Owner"), (Assert.Single(records.Organisations).Organisation, records.Organisations[0].Role));
        Assert.Equal("AWD-TEST-0042-R1", Assert.Single(records.ReturnsSubmitted).Reference);
        var message = Assert.Single(records.Messages);
        Assert.Equal(("AWD-TEST-0042-R1", "Please explain the spend on radios."), (message.Case, message.Message));
        Assert.Equal(["Organisation.MemberInvited", "Staff.RolesChanged"], records.AuditEntries.Select(e => e.Action));
        Assert.Equal("Your return was queried", Assert.Single(records.EmailsSent).Subject);
    }
}
