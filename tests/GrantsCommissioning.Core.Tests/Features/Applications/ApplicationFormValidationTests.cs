using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Applications;

/// <summary>
/// The application form's sections as an applicant meets their mistakes: each bad field gets its message against that
/// field (the GOV.UK error summary links to it), and nothing of the section is saved, even by an autosave.
/// </summary>
public class ApplicationFormValidationTests
{
    private static async Task<(TestDatabase Test, Actor Applicant, int ApplicationId, ApplicationService Service)> DraftAsync(string round = "CGS-2013-14")
    {
        var test = await TestData.WithReferenceDataAsync();
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var org = await TestData.CreateOrganisationAsync(test, "Ludlow Street Angels", applicant);
        var shares = round == "CGS-2013-14" ? new Dictionary<int, int> { [2] = 60, [4] = 40 } : new Dictionary<int, int> { [2] = 100 };
        var id = await TestData.CreateDraftApplicationAsync(test, org, round, Money.FromPounds(round == "CGS-2013-14" ? 10_000m : 400m), shares);
        return (test, applicant, id, test.Get<ApplicationService>());
    }

    private static void AssertErrors(FeatureResult<DateTimeOffset> result, params (string Field, string Message)[] expected)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(expected.OrderBy(e => e.Field, StringComparer.Ordinal).ToList(),
            result.Errors.Select(e => (e.Key, e.Value)).OrderBy(e => e.Key, StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Project_TooLongTitle_UnrealDate_AndEndBeforeStart_EachNamedAgainstItsField_NothingSaved()
    {
        var (test, applicant, id, service) = await DraftAsync();
        await using var _ = test;

        var tooLong = await service.SaveProjectAsync(id, new ProjectInput { ProjectTitle = new string('x', 204), ProjectStart = "31/2/2026", ProjectEnd = "1/4/2026" }, applicant, complete: false);
        var backwards = await service.SaveProjectAsync(id, new ProjectInput { ProjectTitle = "Safer nights", ProjectStart = "1/4/2027", ProjectEnd = "31/3/2027" }, applicant, complete: false);

        AssertErrors(tooLong,
            ("ProjectTitle", "The title must be 200 characters or fewer (it has 204)."),
            ("ProjectStart", "Enter a real start date, like 27/3/2026."));
        AssertErrors(backwards, ("ProjectEnd", "The end date must be on or after the start date."));
        await using var db = test.NewContext();
        Assert.Equal("Night-time economy safety project", (await db.Applications.SingleAsync(a => a.Id == id)).ProjectTitle);
    }

    [Fact]
    public async Task Project_OnTheShortForm_TheAmountIsReadAndCheckedAgainstTheRound()
    {
        var (test, applicant, id, service) = await DraftAsync("SMALL-2013");
        await using var _ = test;

        var notMoney = await service.SaveProjectAsync(id, new ProjectInput { ProjectTitle = "Safer nights", AmountRequested = "lots" }, applicant, complete: false);
        var overMax = await service.SaveProjectAsync(id, new ProjectInput { ProjectTitle = "Safer nights", AmountRequested = "600" }, applicant, complete: false);
        var good = await service.SaveProjectAsync(id, new ProjectInput { ProjectTitle = "Safer nights", AmountRequested = "450.00", ProjectStart = "2013-09-01", ProjectEnd = "31/3/2014" }, applicant, complete: false);

        AssertErrors(notMoney, ("AmountRequested", "Enter the amount in pounds, like 450 or 450.00."));
        Assert.Contains("£500", Assert.Single(overMax.Errors).Value, StringComparison.Ordinal);
        Assert.True(good.Succeeded, string.Join("; ", good.Errors.Values));
        await using var db = test.NewContext();
        var saved = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal((45_000L, new DateOnly(2013, 9, 1), new DateOnly(2014, 3, 31)), (saved.AmountRequestedPence, saved.ProjectStart!.Value, saved.ProjectEnd!.Value));
    }

    [Fact]
    public async Task Budget_BadRowsNamedByRowIndex_BlankRowsIgnored_FiftyOneLinesRefused_ShortFormHasNone()
    {
        var (test, applicant, id, service) = await DraftAsync();
        await using var _ = test;
        var small = await DraftAsync("SMALL-2013");
        await using var __ = small.Test;

        var bad = await service.SaveBudgetAsync(id, new BudgetInput
        {
            Lines =
            [
                new BudgetLineInput(),
                new BudgetLineInput { Description = new string('d', 201), Category = "Cake", Amount = "-5" },
            ],
        }, applicant, complete: false);
        var tooMany = await service.SaveBudgetAsync(id, new BudgetInput
        {
            Lines = Enumerable.Range(1, 51).Select(i => new BudgetLineInput { Description = $"Cost {i}", Category = "Other", Amount = "10" }).ToList(),
        }, applicant, complete: false);
        var shortForm = await small.Service.SaveBudgetAsync(small.ApplicationId, new BudgetInput(), small.Applicant, complete: false);
        var good = await service.SaveBudgetAsync(id, new BudgetInput
        {
            Lines = [new BudgetLineInput(), new BudgetLineInput { Description = " Volunteer travel ", Category = "Travel", Amount = "1,200.50" }],
        }, applicant, complete: false);

        AssertErrors(bad,
            ("Lines[1].Amount", "Enter the cost in pounds, like 1200 or 1,200.00."),
            ("Lines[1].Category", "Select a type of cost from the list."),
            ("Lines[1].Description", "The description must be 200 characters or fewer (it has 201)."));
        AssertErrors(tooMany, ("Lines", "A budget can have at most 50 lines; group smaller costs together."));
        AssertErrors(shortForm, ("", "This round uses the short form, which has no budget section."));
        Assert.True(good.Succeeded, string.Join("; ", good.Errors.Values));
        await using var db = test.NewContext();
        var line = await db.ApplicationBudgetLines.SingleAsync(l => l.ApplicationId == id);
        Assert.Equal((1, "Volunteer travel", "Travel", 120_050L), (line.Order, line.Description, line.Category, line.AmountPence));
    }

    [Fact]
    public async Task Outcomes_SharesIndicatorsAndPriorities_CheckedAgainstTheRound_NothingSavedOnAnyError()
    {
        var (test, applicant, id, service) = await DraftAsync();
        await using var _ = test;
        var view = await service.GetAsync(id, applicant);
        var objectives = view!.Objectives.Select(o => o.Id).ToList();

        var bad = await service.SaveOutcomesAsync(id, new OutcomesInput
        {
            Objectives = [new ObjectiveShareInput { ObjectiveId = objectives[0], Share = "120" }, new ObjectiveShareInput { ObjectiveId = objectives[1], Share = "" }],
            Indicators = [new IndicatorInput { Name = "People helped", Unit = "people", Target = "lots", ObjectiveId = "99999" }],
            Priorities = [new PriorityChoiceInput { Id = 99999, Selected = true }],
        }, applicant, complete: false);
        var foreignObjective = await service.SaveOutcomesAsync(id, new OutcomesInput
        {
            Objectives = [new ObjectiveShareInput { ObjectiveId = 99999, Share = "100" }],
        }, applicant, complete: false);

        AssertErrors(bad,
            ("Indicators[0].ObjectiveId", "Select one of the plan objectives listed."),
            ("Indicators[0].Target", "Enter the target as a number greater than 0, like 250."),
            ("Objectives[0].Share", "Enter the share as a whole number from 0 to 100."),
            ("Priorities", "Select only the national priorities listed."));
        AssertErrors(foreignObjective, ("Objectives", "Link your project only to the plan objectives listed."));
        var after = await service.GetAsync(id, applicant);
        Assert.Equal(view.Objectives.Select(o => o.SharePercent), after!.Objectives.Select(o => o.SharePercent));
    }

    [Fact]
    public async Task Beneficiaries_CountMustBeAWholeNumber_ThousandsSeparatorAccepted()
    {
        var (test, applicant, id, service) = await DraftAsync();
        await using var _ = test;

        var bad = await service.SaveBeneficiariesAsync(id, new BeneficiariesInput { Beneficiaries = "Young people", BeneficiaryCount = "12.5", AreaServed = new string('a', 201) }, applicant, complete: false);
        var good = await service.SaveBeneficiariesAsync(id, new BeneficiariesInput { Beneficiaries = " Young people ", BeneficiaryCount = "1,200", AreaServed = "Worcester" }, applicant, complete: false);

        AssertErrors(bad,
            ("AreaServed", "The area must be 200 characters or fewer (it has 201)."),
            ("BeneficiaryCount", "Enter the number of people as a whole number, like 120."));
        Assert.True(good.Succeeded, string.Join("; ", good.Errors.Values));
        await using var db = test.NewContext();
        var saved = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal(("Young people", 1200, "Worcester"), (saved.Beneficiaries, saved.BeneficiaryCount!.Value, saved.AreaServed));
    }
}
