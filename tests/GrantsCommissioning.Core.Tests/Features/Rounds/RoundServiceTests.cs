using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Rounds;

/// <summary>
/// An officer sets up a round: a draft is invisible to the public until published; bad input (weights not 100,
/// closing before opening, an award above the fund's limit) says why and changes nothing; a published round is
/// closed early or extended only with a reason, which the audit log keeps. The test clock is 30 June 2013, 16:00 UK time.
/// </summary>
public sealed class RoundServiceTests
{
    internal static RoundInput Valid(string reference = "CGS-AUTUMN") => new RoundInput
    {
        Fund = "CGS", Reference = reference, Title = "Autumn community safety round", Purpose = "Projects that cut anti-social behaviour this winter.",
        WhoCanApply = "Charities and community groups in West Mercia.", OpensDate = "2013-06-01", OpensTime = "09:00", ClosesDate = "2013-09-30",
        ClosesTime = "12:00", MinAward = "1000", MaxAward = "25000", Budget = "150000", Form = "standard",
        OrganisationTypes = [nameof(OrganisationType.RegisteredCharity), nameof(OrganisationType.CommunityGroup)], Areas = ["Shropshire"],
        EligibilityQuestions = "Is your project in West Mercia?\nIs your organisation constituted?", ScoreScale = "5", AssessorsPerApplication = "2",
        DivergenceThreshold = "20", Objectives = ["2", "4"],
        Criteria =
        [
            new CriterionInput { Title = "Need", Guidance = "Evidence of the problem", Weight = "40" },
            new CriterionInput { Title = "Delivery", Guidance = "A realistic plan", Weight = "35" },
            new CriterionInput { Title = "Value for money", Guidance = "Costs justified", Weight = "25" },
        ],
    }.WithCriterionRows();

    private sealed record Setup(TestDatabase Test, RoundService Rounds, Actor Officer);

    private static async Task<Setup> SetUpAsync()
    {
        var test = await TestData.WithReferenceDataAsync();
        var officer = await TestData.CreateUserAsync(test, "officer@example.org", "Olivia Grant", Roles.GrantsOfficer);
        return new Setup(test, test.Get<RoundService>(), officer);
    }

    [Fact]
    public async Task CreateAsync_SavesADraft_ThatThePublicCannotSeeOrApplyTo_ButTheOfficerCanPreview()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);

        var created = await s.Rounds.CreateAsync(Valid(), s.Officer);

        Assert.True(created.Succeeded);
        var view = await s.Rounds.GetAsync(created.Value);
        Assert.Equal(RoundPhase.Draft, view!.Phase);
        Assert.Equal(new Money(15_000_000), view.Budget);
        Assert.Equal(["Need", "Delivery", "Value for money"], view.Criteria.Select(c => c.Title));
        Assert.Equal(["Registered charity", "Constituted community group"], view.OrganisationTypes);
        var publicRounds = test.Get<RoundQueries>();
        Assert.DoesNotContain(await publicRounds.OpenRoundsAsync(new RoundFilter(null, null, null)), r => r.Reference == "CGS-AUTUMN");
        Assert.Null(await publicRounds.DetailAsync("CGS-AUTUMN"));
        Assert.Null(await test.Get<ApplicationService>().StartOptionsAsync("CGS-AUTUMN", applicant));
        var preview = await s.Rounds.PreviewAsync(created.Value);
        Assert.Equal(("Autumn community safety round", 2), (preview!.Title, preview.Eligibility.Count));
        Assert.Equal("Created as a draft", Assert.Single(view.History).What);
    }

    /// <summary>
    /// A round set up with no plan objectives could never be applied to: the standard form's outcomes section needs the
    /// project linked to the round's objectives (found by the round-to-register browser journey). The officer chooses them.
    /// </summary>
    [Fact]
    public async Task CreateAsync_NeedsThePlanObjectivesTheRoundServes_AndLinksTheOnesChosen()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var none = Valid();
        none.Objectives = [];
        var unknown = Valid("CGS-UNKNOWN");
        unknown.Objectives = ["2", "99"];

        Assert.Equal("Select at least one Police and Crime Plan objective the round serves: applicants link their projects to them.",
            (await s.Rounds.CreateAsync(none, s.Officer)).Errors[nameof(RoundInput.Objectives)]);
        Assert.Equal("Select plan objectives from the list.", (await s.Rounds.CreateAsync(unknown, s.Officer)).Errors[nameof(RoundInput.Objectives)]);
        var created = await s.Rounds.CreateAsync(Valid(), s.Officer);

        Assert.True(created.Succeeded);
        await using var db = test.NewContext();
        Assert.Equal([2, 4], await db.Rounds.Where(r => r.Id == created.Value).SelectMany(r => r.Objectives).Select(o => o.Number).OrderBy(n => n).ToListAsync());
        Assert.Equal(["2", "4"], (await s.Rounds.InputAsync(created.Value))!.Objectives);
        Assert.False(await db.Rounds.AnyAsync(r => r.Reference == "CGS-UNKNOWN"));
    }

    [Fact]
    public async Task CreateAsync_WeightsNotSummingTo100_SaysSo_AndCreatesNothing()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var input = Valid();
        input.Criteria[2].Weight = "20";

        var result = await s.Rounds.CreateAsync(input, s.Officer);

        Assert.Equal("The criteria weights must add up to 100%. They add up to 95%.", result.Errors[nameof(RoundInput.Criteria)]);
        await using var db = test.NewContext();
        Assert.False(await db.Rounds.AnyAsync(r => r.Reference == "CGS-AUTUMN"));
        Assert.Equal(0, await db.AuditLog.CountAsync(a => a.EntityType == RoundService.EntityType));
    }

    [Fact]
    public async Task CreateAsync_EveryFieldWrong_EachMessageAgainstItsField_AndNoRoundSaved()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var bad = new RoundInput
        {
            Fund = "NOPE", Reference = "x", Title = " ", Purpose = new string('p', 2001), WhoCanApply = "", OpensDate = "1/6/2013", ClosesDate = "2013-09-30",
            ClosesTime = "noon", MinAward = "0", MaxAward = "lots", Budget = "-1", Form = "long", OrganisationTypes = ["Pirates"], Areas = ["Atlantis"],
            EligibilityQuestions = new string('q', 301), ScoreScale = "6", AssessorsPerApplication = "9", DivergenceThreshold = "0",
            Criteria = [new CriterionInput { Title = "Need", Weight = "150" }],
        };
        var noCriteria = Valid();
        noCriteria.Criteria = [new CriterionInput(), new CriterionInput()];
        var maxBelowMin = Valid();
        maxBelowMin.MinAward = "30000";
        var budgetBelowMax = Valid();
        budgetBelowMax.Budget = "20000";

        var result = await s.Rounds.CreateAsync(bad, s.Officer);

        Assert.Equal(new Dictionary<string, string>
        {
            ["Fund"] = "Select the fund this round belongs to.",
            ["Reference"] = "Enter a reference of 3 to 30 capital letters, digits and hyphens, like CGS-2026-27.",
            ["Title"] = "Enter the round's title.",
            ["Purpose"] = "This must be 2000 characters or fewer.",
            ["WhoCanApply"] = "Enter who can apply.",
            ["OpensDate"] = "Enter the opening date, like 2026-04-01.",
            ["ClosesDate"] = "Enter the closing time as hours and minutes, like 12:00 (UK time).",
            ["MinAward"] = "Enter the smallest award in pounds, like 25000.",
            ["MaxAward"] = "Enter the largest award in pounds, like 25000.",
            ["Budget"] = "Enter the round's budget in pounds, like 25000.",
            ["Form"] = "Select the short or the standard application form.",
            ["OrganisationTypes"] = "Select organisation types from the list.",
            ["Areas"] = "Select areas from the list.",
            ["Objectives"] = "Select at least one Police and Crime Plan objective the round serves: applicants link their projects to them.",
            ["EligibilityQuestions"] = "Each eligibility question must be 300 characters or fewer.",
            ["ScoreScale"] = "Select the score scale.",
            ["AssessorsPerApplication"] = "Enter how many assessors score each application, from 1 to 5.",
            ["DivergenceThreshold"] = "Enter the divergence threshold as a whole number of percentage points from 1 to 100.",
            ["Criteria[0].Guidance"] = "Enter what assessors look for in criterion 1.",
            ["Criteria[0].Weight"] = "Enter the weight of criterion 1 as a whole percentage from 1 to 100.",
        }.OrderBy(e => e.Key, StringComparer.Ordinal), result.Errors.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.Equal("Enter at least one assessment criterion with its weight.", (await s.Rounds.CreateAsync(noCriteria, s.Officer)).Errors[nameof(RoundInput.Criteria)]);
        Assert.Equal("The largest award must be at least the smallest award.", (await s.Rounds.CreateAsync(maxBelowMin, s.Officer)).Errors[nameof(RoundInput.MaxAward)]);
        Assert.Equal("The round's budget must be at least the largest award.", (await s.Rounds.CreateAsync(budgetBelowMax, s.Officer)).Errors[nameof(RoundInput.Budget)]);
        await using var db = test.NewContext();
        Assert.False(await db.Rounds.AnyAsync(r => r.IsDraft));
    }

    [Fact]
    public async Task CreateAsync_ClosingBeforeOpening_AnAwardAboveTheFundLimit_AndADuplicateReference_EachSayWhy()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var backwards = Valid();
        backwards.ClosesDate = "2013-05-01";
        var tooBig = Valid();
        tooBig.Fund = "SMALL";
        tooBig.MaxAward = "750";
        tooBig.MinAward = "50";
        tooBig.Budget = "5000";
        var duplicate = Valid("CGS-2013-14");

        Assert.Equal("The closing time must be after the opening time.", (await s.Rounds.CreateAsync(backwards, s.Officer)).Errors[nameof(RoundInput.ClosesDate)]);
        Assert.Contains("limit of £500", (await s.Rounds.CreateAsync(tooBig, s.Officer)).Errors[nameof(RoundInput.MaxAward)], StringComparison.Ordinal);
        Assert.Contains("already has the reference CGS-2013-14", (await s.Rounds.CreateAsync(duplicate, s.Officer)).Errors[nameof(RoundInput.Reference)], StringComparison.Ordinal);
        await using var db = test.NewContext();
        Assert.Equal(2, await db.Rounds.CountAsync());
    }

    [Fact]
    public async Task UpdateAsync_ChangesADraft_ButNotAPublishedRound()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var id = (await s.Rounds.CreateAsync(Valid(), s.Officer)).Value;
        var changed = await s.Rounds.InputAsync(id);
        changed!.Title = "Winter community safety round";
        changed.Criteria[0].Weight = "50";
        changed.Criteria[2].Weight = "15";

        Assert.True((await s.Rounds.UpdateAsync(id, changed, s.Officer)).Succeeded);
        Assert.True((await s.Rounds.PublishAsync(id, s.Officer)).Succeeded);
        changed.Title = "Changed after publishing";
        var refused = await s.Rounds.UpdateAsync(id, changed, s.Officer);

        Assert.False(refused.Succeeded);
        var view = await s.Rounds.GetAsync(id);
        Assert.Equal("Winter community safety round", view!.Title);
        Assert.Equal([50, 35, 15], view.Criteria.Select(c => c.WeightPercent));
        Assert.Equal(["Created as a draft", "Draft changed", "Published"], view.History.Select(h => h.What));
    }

    [Fact]
    public async Task PublishAsync_PutsTheRoundOnThePublicPages_WhereApplicantsCanStart()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var id = (await s.Rounds.CreateAsync(Valid(), s.Officer)).Value;

        Assert.True((await s.Rounds.PublishAsync(id, s.Officer)).Succeeded);
        Assert.False((await s.Rounds.PublishAsync(id, s.Officer)).Succeeded);

        var publicRounds = test.Get<RoundQueries>();
        Assert.Contains(await publicRounds.OpenRoundsAsync(new RoundFilter("CGS", null, null)), r => r.Reference == "CGS-AUTUMN");
        Assert.True((await publicRounds.DetailAsync("CGS-AUTUMN"))!.IsOpen);
        Assert.True((await test.Get<ApplicationService>().StartOptionsAsync("CGS-AUTUMN", applicant))!.IsOpen);
        Assert.Equal(RoundPhase.Open, (await s.Rounds.GetAsync(id))!.Phase);
    }

    [Fact]
    public async Task ExtendAsync_NeedsAReasonAndALaterTime_AndTheAuditLogKeepsTheReason()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var id = (await s.Rounds.CreateAsync(Valid(), s.Officer)).Value;
        await s.Rounds.PublishAsync(id, s.Officer);

        var noReason = await s.Rounds.ExtendAsync(id, new RoundDeadlineInput { ClosesDate = "2013-10-31", ClosesTime = "12:00", Reason = " " }, s.Officer);
        var earlier = await s.Rounds.ExtendAsync(id, new RoundDeadlineInput { ClosesDate = "2013-09-01", ClosesTime = "12:00", Reason = "Typo" }, s.Officer);
        var extended = await s.Rounds.ExtendAsync(id, new RoundDeadlineInput { ClosesDate = "2013-10-31", ClosesTime = "12:00", Reason = "Website outage on 29 September" }, s.Officer);

        Assert.Contains(nameof(RoundDeadlineInput.Reason), noReason.Errors.Keys);
        Assert.Contains("later than both now and the current closing time", earlier.Errors[nameof(RoundDeadlineInput.ClosesDate)], StringComparison.Ordinal);
        Assert.True(extended.Succeeded);
        var view = await s.Rounds.GetAsync(id);
        Assert.Equal(UkTime.FromUkLocal(new DateOnly(2013, 10, 31), new TimeOnly(12, 0)), view!.ClosesAt);
        var last = view.History[^1];
        Assert.Equal(("Closing time extended", "Olivia Grant", "Website outage on 29 September"), (last.What, last.Who, last.Reason));
        Assert.Equal(3, view.History.Count);
    }

    [Fact]
    public async Task CloseEarlyAsync_ClosesAtOnce_WithAReason_AndTheRoundLeavesThePublicList()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        var id = (await s.Rounds.CreateAsync(Valid(), s.Officer)).Value;
        await s.Rounds.PublishAsync(id, s.Officer);

        Assert.False((await s.Rounds.CloseEarlyAsync(id, "", s.Officer)).Succeeded);
        Assert.True((await s.Rounds.CloseEarlyAsync(id, "Budget fully committed", s.Officer)).Succeeded);
        Assert.False((await s.Rounds.CloseEarlyAsync(id, "Again", s.Officer)).Succeeded);

        var view = await s.Rounds.GetAsync(id);
        Assert.Equal((RoundPhase.Closed, test.Clock.GetUtcNow()), (view!.Phase, view.ClosesAt));
        Assert.Equal(("Closed early", "Budget fully committed"), (view.History[^1].What, view.History[^1].Reason));
        Assert.DoesNotContain(await test.Get<RoundQueries>().OpenRoundsAsync(new RoundFilter(null, null, null)), r => r.Reference == "CGS-AUTUMN");
    }

    [Fact]
    public async Task ListAsync_CountsRoundsByPhase_AndPagesThem()
    {
        var s = await SetUpAsync();
        await using var test = s.Test;
        await s.Rounds.CreateAsync(Valid("CGS-A"), s.Officer);
        await s.Rounds.CreateAsync(Valid("CGS-B"), s.Officer);

        var drafts = await s.Rounds.ListAsync(new RoundListQuery(RoundPhase.Draft, RoundSort.Reference, 0, 1));

        Assert.Equal((2, 2, 2), (drafts.Count, drafts.Totals[RoundPhase.Draft], drafts.Totals[RoundPhase.Open]));
        Assert.Equal("CGS-A", Assert.Single(drafts.Items).Reference);
    }
}
