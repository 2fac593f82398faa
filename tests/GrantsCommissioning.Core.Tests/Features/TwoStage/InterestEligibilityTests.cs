using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Features.TwoStage;
using GrantsCommissioning.Core.Tests.Features.Rounds;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.TwoStage;

/// <summary>
/// A two-stage round's expressions of interest are held to the round's eligibility rules (organisation types, area
/// served) by the one rule a full application uses (<see cref="RoundEligibility"/>). The round is open to registered
/// charities and community groups serving Shropshire; the test clock is 30 June 2013, expressions of interest open.
/// </summary>
public sealed class InterestEligibilityTests
{
    private const string TypeReason = "The round is open only to these types of organisation: Registered charity; Constituted community group. "
        + "Malvern Town Council is registered as: Parish or town council.";
    private const string AreaReason = "The round is open only to organisations serving Shropshire. Malvern Town Council serves Worcestershire.";

    private sealed record Setup(TestDatabase Test, int RoundId, Actor Officer, Actor Applicant, int Eligible, int Ineligible);

    private static async Task<Setup> SetUpAsync(bool twoStage = true)
    {
        var test = await TestData.WithReferenceDataAsync();
        var officer = await TestData.CreateUserAsync(test, "officer@example.org", "Olivia Grant", Roles.GrantsOfficer);
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var eligible = await TestData.CreateOrganisationAsync(test, "Ludlow Street Pastors", applicant);
        var ineligible = await TestData.CreateOrganisationAsync(test, "Malvern Town Council", applicant);
        await ChangeOrganisationAsync(test, ineligible, OrganisationType.ParishOrTownCouncil, "Worcestershire");
        var input = RoundServiceTests.Valid("CGS-TWO");
        if (twoStage)
        {
            (input.TwoStage, input.InterestClosesDate, input.InterestClosesTime) = ("yes", "2013-07-15", "12:00");
        }
        var rounds = test.Get<RoundService>();
        var created = await rounds.CreateAsync(input, officer);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Values));
        Assert.True((await rounds.PublishAsync(created.Value, officer)).Succeeded);
        return new Setup(test, created.Value, officer, applicant, eligible, ineligible);
    }

    private static async Task ChangeOrganisationAsync(TestDatabase test, int id, OrganisationType type, string area)
    {
        await using var db = test.NewContext();
        var org = await db.Organisations.SingleAsync(o => o.Id == id);
        (org.Type, org.AreaServed, org.CharityNumber) = (type, area, null);
        await db.SaveChangesAsync();
    }

    private static InterestInput Interest(int org) => new()
    {
        OrganisationId = org.ToString(CultureInfo.InvariantCulture), ProjectTitle = "Night-time street pastors",
        Summary = "Volunteers on the streets on Friday and Saturday nights.", AmountRequested = "12000",
    };

    [Fact]
    public async Task SendAsync_ForAnIneligibleOrganisation_SaysWhyOnTheOrganisationField_AndSavesNothing()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var interests = test.Get<ExpressionsOfInterest>();

        var refused = await interests.SendAsync("CGS-TWO", Interest(s.Ineligible), s.Applicant);
        var form = (await interests.FormAsync("CGS-TWO", s.Applicant))!;

        Assert.False(refused.Succeeded);
        Assert.Equal($"Malvern Town Council is not eligible for Autumn community safety round. {TypeReason} {AreaReason} Nothing was saved.",
            refused.Errors["OrganisationId"]);
        await using (var db = test.NewContext())
        {
            Assert.False(await db.Applications.AnyAsync());
            Assert.False(await db.WorkflowJournal.AnyAsync());
            Assert.False(await db.Outbox.AnyAsync());
        }
        Assert.Equal([TypeReason, AreaReason], form.Organisations.Single(o => o.Id == s.Ineligible).NotEligible);
        Assert.True(form.Organisations.Single(o => o.Id == s.Eligible).IsEligible);
        Assert.True((await interests.SendAsync("CGS-TWO", Interest(s.Eligible), s.Applicant)).Succeeded);
    }

    [Fact]
    public async Task SendAsync_AnOrganisationServingTheWholePoliceArea_MeetsAnAreaRule()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        await ChangeOrganisationAsync(test, s.Ineligible, OrganisationType.CommunityGroup, RoundEligibility.WholeArea);

        var sent = await test.Get<ExpressionsOfInterest>().SendAsync("CGS-TWO", Interest(s.Ineligible), s.Applicant);

        Assert.True(sent.Succeeded, string.Join(" ", sent.Errors.Values));
    }

    [Fact]
    public async Task OfficersList_ShowsEligibility_AndAnOrganisationNoLongerEligible_IsNotInvited()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var sent = await test.Get<ExpressionsOfInterest>().SendAsync("CGS-TWO", Interest(s.Ineligible), s.Applicant);
        Assert.False(sent.Succeeded);
        // Eligible when it sent; its profile changed afterwards (a different type of organisation, another area).
        await ChangeOrganisationAsync(test, s.Ineligible, OrganisationType.RegisteredCharity, "Shropshire");
        Assert.True((await test.Get<ExpressionsOfInterest>().SendAsync("CGS-TWO", Interest(s.Ineligible), s.Applicant)).Succeeded);
        await ChangeOrganisationAsync(test, s.Ineligible, OrganisationType.ParishOrTownCouncil, "Worcestershire");
        var decisions = test.Get<InterestDecisions>();

        var item = Assert.Single((await decisions.ListAsync(s.RoundId))!.Items);
        var invite = await decisions.InviteAsync(s.RoundId, [item.Id], null, s.Officer);

        Assert.Equal([TypeReason, AreaReason], item.NotEligible);
        var line = Assert.Single(invite.Value!.Lines);
        Assert.Equal(BulkOutcome.Failed, line.Outcome);
        Assert.StartsWith("Malvern Town Council is not eligible for Autumn community safety round.", line.Message, StringComparison.Ordinal);
        await using var db = test.NewContext();
        Assert.Equal(ApplicationStates.InterestSubmitted, await db.Applications.Where(a => a.Id == item.Id).Select(a => a.State).SingleAsync());
    }

    [Fact]
    public async Task FullApplication_OnASingleStageRound_IsHeldToTheSameRule()
    {
        var s = await SetUpAsync(twoStage: false);
        await using var test = s.Test;
        var applications = test.Get<ApplicationService>();

        var refused = await applications.StartAsync("CGS-TWO", s.Ineligible.ToString(CultureInfo.InvariantCulture), s.Applicant);
        var started = await applications.StartAsync("CGS-TWO", s.Eligible.ToString(CultureInfo.InvariantCulture), s.Applicant);

        Assert.Equal($"Malvern Town Council is not eligible for Autumn community safety round. {TypeReason} {AreaReason} Nothing was saved.",
            refused.Errors["OrganisationId"]);
        Assert.True(started.Succeeded, string.Join(" ", started.Errors.Values));
        await using var db = test.NewContext();
        Assert.Equal(1, await db.Applications.CountAsync());
    }
}
