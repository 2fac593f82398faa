using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace GrantsCommissioning.Core.Tests.Features.Applications;

public class ApplicationServiceTests
{
    /// <summary>12:00 on Monday 1 July 2013 in the UK is 11:00 UTC (BST).</summary>
    private static readonly DateTimeOffset NoonBst = new(2013, 7, 1, 11, 0, 0, TimeSpan.Zero);

    private static async Task<(TestDatabase Test, Actor Applicant, int ApplicationId)> CompleteDraftAsync(string round = "CGS-2013-14")
    {
        var test = await TestData.WithReferenceDataAsync();
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var org = await TestData.CreateOrganisationAsync(test, "Ludlow Street Angels", applicant);
        var id = await TestData.CreateDraftApplicationAsync(test, org, round, Money.FromPounds(10_000m), new Dictionary<int, int> { [2] = 60, [4] = 40 });
        await using var db = test.NewContext();
        var r = await db.Rounds.SingleAsync(x => x.Reference == round);
        r.ClosesAt = UkTime.FromUkLocal(new DateOnly(2013, 7, 1), new TimeOnly(12, 0));
        await db.SaveChangesAsync();
        return (test, applicant, id);
    }

    /// <summary>A complete draft whose review page the applicant has open, five minutes before the round closes.</summary>
    private static async Task<(TestDatabase Test, Actor Applicant, int Id, ApplicationService Service, ApplicationView View)> ReviewedFiveMinutesBeforeTheCloseAsync()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        test.Clock.SetUtcNow(NoonBst.AddMinutes(-5));
        var service = test.Get<ApplicationService>();
        var view = await service.GetAsync(id, applicant);
        Assert.NotNull(view);
        return (test, applicant, id, service, view);
    }

    [Fact]
    public async Task SubmitAsync_OneSecondBeforeNoonBst_Submits_AndSameKeyAgainReturnsTheSameReceipt()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        test.Clock.SetUtcNow(NoonBst.AddSeconds(-1));
        var service = test.Get<ApplicationService>();

        var first = await service.SubmitAsync(id, applicant, "key-1");
        var again = await service.SubmitAsync(id, applicant, "key-1");

        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Values));
        Assert.Equal(first.Value, again.Value);
        Assert.Equal(NoonBst.AddSeconds(-1), first.Value!.SubmittedAt);
        await using var db = test.NewContext();
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.CaseId == id && j.Trigger == ApplicationTriggers.Submit));
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.Template == "application-submitted"));
    }

    [Fact]
    public async Task SubmitAsync_WithTheReviewPagesView_FromManyClicksAtOnce_SubmitsExactlyOnce_WithOneReceiptEmailEach()
    {
        var (test, applicant, id, service, view) = await ReviewedFiveMinutesBeforeTheCloseAsync();
        await using var _ = test;

        // Six posts of one form (same key: a double click or a retry) and two of a second review page (another key).
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => service.SubmitAsync(view, applicant, i < 6 ? "same-key" : "other-tab"))));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors.Values)));
        Assert.Single(results.Select(r => r.Value!.Reference).Distinct());
        await using var db = test.NewContext();
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == id && j.Trigger == ApplicationTriggers.Submit));
        var receipts = await db.Outbox.Where(e => e.Template == "application-submitted").ToListAsync();
        Assert.Single(receipts);
    }

    [Theory]
    [InlineData("budget lines", "Budget")]
    [InlineData("objective shares", "Outcomes, indicators and plan objectives")]
    [InlineData("indicators", "Outcomes, indicators and plan objectives")]
    public async Task SubmitAsync_WithTheReviewPagesView_AfterACoUserRemovedSomeAnswers_IsRefusedNamingTheSection_AndChangesNothing(string removed, string section)
    {
        var (test, applicant, id, service, view) = await ReviewedFiveMinutesBeforeTheCloseAsync();
        await using var _ = test;
        await using (var db = test.NewContext())
        {
            // Removed by a co-user in another tab after the review page was shown: the submission reads them again.
            var deleted = removed switch
            {
                "budget lines" => await db.ApplicationBudgetLines.Where(l => l.ApplicationId == id).ExecuteDeleteAsync(),
                "objective shares" => await db.ApplicationObjectives.Where(o => o.ApplicationId == id).ExecuteDeleteAsync(),
                _ => await db.ApplicationIndicators.Where(i => i.ApplicationId == id).ExecuteDeleteAsync(),
            };
            Assert.True(deleted > 0);
        }

        var result = await service.SubmitAsync(view, applicant, "key-1");

        Assert.False(result.Succeeded);
        Assert.StartsWith($"The section \u201c{section}\u201d is not complete: ", result.Errors[""], StringComparison.Ordinal);
        await using var check = test.NewContext();
        Assert.Equal(ApplicationStates.Draft, (await check.Applications.SingleAsync(a => a.Id == id)).State);
        Assert.Equal(0, await check.WorkflowJournal.CountAsync(j => j.CaseId == id && j.Trigger == ApplicationTriggers.Submit));
        Assert.Equal(0, await check.Outbox.CountAsync());
    }

    [Fact]
    public async Task SubmitAsync_AtNoonBst_IsRefusedWithTheUkClosingTime_AndChangesNothing()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        test.Clock.SetUtcNow(NoonBst);

        var result = await test.Get<ApplicationService>().SubmitAsync(id, applicant, "key-1");

        Assert.False(result.Succeeded);
        Assert.StartsWith("This round closed at 12:00 on Monday 1 July 2013 (UK time)", result.Errors[""], StringComparison.Ordinal);
        await using var db = test.NewContext();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationStates.Draft, application.State);
        Assert.Null(application.SubmittedAt);
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task TrySubmitAsync_FromManyClicksAtOnce_SubmitsExactlyOnce_AndEveryClickGetsTheReceipt()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        test.Clock.SetUtcNow(NoonBst.AddMinutes(-5));
        var service = test.Get<ApplicationService>();

        // Six posts of one form (a double click or a retry), two of a second review page, then one more after they committed.
        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => service.TrySubmitAsync(id, applicant, i < 6 ? "same-key" : "other-tab"))));
        var later = await service.TrySubmitAsync(id, applicant, "same-key");

        Assert.All(results, r => Assert.NotNull(r));
        Assert.Single(results.Append(later).Select(r => r!.Reference).Distinct());
        Assert.Equal(NoonBst.AddMinutes(-5), later!.SubmittedAt);
        await using var db = test.NewContext();
        Assert.Equal(1, await db.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == id && j.Trigger == ApplicationTriggers.Submit));
        Assert.Single(await db.Outbox.Where(e => e.Template == "application-submitted").ToListAsync());
    }

    [Fact]
    public async Task TrySubmitAsync_AtNoonBst_ForSomeoneOutsideTheOrganisation_OrWithNoKey_GivesNothing_AndChangesNothing()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        var stranger = await TestData.CreateUserAsync(test, "eve@example.org", "Eve", Roles.Applicant);
        var service = test.Get<ApplicationService>();
        test.Clock.SetUtcNow(NoonBst.AddMinutes(-5));

        var byStranger = await service.TrySubmitAsync(id, stranger, "key-1");
        var withNoKey = await service.TrySubmitAsync(id, applicant, " ");
        test.Clock.SetUtcNow(NoonBst);
        var atNoon = await service.TrySubmitAsync(id, applicant, "key-1");

        Assert.Null(byStranger);
        Assert.Null(withNoKey);
        Assert.Null(atNoon);
        await using var db = test.NewContext();
        var application = await db.Applications.SingleAsync(a => a.Id == id);
        Assert.Equal(ApplicationStates.Draft, application.State);
        Assert.Null(application.SubmittedAt);
        Assert.Equal(0, await db.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.Application && j.CaseId == id && j.Trigger == ApplicationTriggers.Submit));
        Assert.Equal(0, await db.Outbox.CountAsync());
    }

    [Fact]
    public async Task ExtendDeadlineAsync_ByAGrantsOfficer_LetsThisApplicantSubmitAfterTheClose()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        test.Clock.SetUtcNow(NoonBst.AddHours(-2));
        var service = test.Get<ApplicationService>();

        var byApplicant = await service.ExtendDeadlineAsync(id, new DateTime(2013, 7, 3, 17, 0, 0), "Flooded office on closing day.", applicant);
        var extended = await service.ExtendDeadlineAsync(id, new DateTime(2013, 7, 3, 17, 0, 0), "Flooded office on closing day.", officer);
        test.Clock.SetUtcNow(NoonBst.AddDays(1));
        var submitted = await service.SubmitAsync(id, applicant, "late-but-allowed");

        Assert.False(byApplicant.Succeeded);
        Assert.Equal(new DateTimeOffset(2013, 7, 3, 16, 0, 0, TimeSpan.Zero), extended.Value);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Values));
        await using var db = test.NewContext();
        var audit = await db.AuditLog.SingleAsync(a => a.Action == "Application.DeadlineExtended");
        Assert.Equal((officer.UserId, id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (audit.ActorUserId, audit.EntityId));
        Assert.Contains("Flooded office on closing day.", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveOutcomesAsync_AutosaveAndContinuePostedTogether_BothSucceedAndTheSharesAreSavedOnce()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        var service = test.Get<ApplicationService>();
        List<int> objectives;
        await using (var db = test.NewContext())
        {
            objectives = await db.ApplicationObjectives.Where(o => o.ApplicationId == id).OrderBy(o => o.ObjectiveId).Select(o => o.ObjectiveId).ToListAsync();
        }
        OutcomesInput Input() => new()
        {
            Objectives = [new ObjectiveShareInput { ObjectiveId = objectives[0], Share = "30" }, new ObjectiveShareInput { ObjectiveId = objectives[1], Share = "70" }],
            Indicators = [new IndicatorInput { Name = "Young people attending", Unit = "people", Target = "40", ObjectiveId = objectives[0].ToString(System.Globalization.CultureInfo.InvariantCulture) }],
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => service.SaveOutcomesAsync(id, Input(), applicant, complete: i % 2 == 0))));

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors.Values)));
        await using var check = test.NewContext();
        var saved = await check.ApplicationObjectives.Where(o => o.ApplicationId == id).OrderBy(o => o.ObjectiveId).Select(o => o.SharePercent).ToListAsync();
        Assert.Equal([30, 70], saved);
        Assert.Equal(1, await check.ApplicationIndicators.CountAsync(i => i.ApplicationId == id));
    }

    [Fact]
    public async Task SaveBudgetAsync_OverTheRoundMaximumOnContinue_ListsTheProblem_AndKeepsTheOldLines()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        var service = test.Get<ApplicationService>();
        var input = new BudgetInput
        {
            Lines = [new BudgetLineInput { Description = "Minibus", Category = "Equipment", Amount = "260,000" }, new BudgetLineInput { Amount = "abc" }],
        };

        var result = await service.SaveBudgetAsync(id, input, applicant, complete: true);

        Assert.False(result.Succeeded);
        Assert.Equal("Enter the cost in pounds, like 1200 or 1,200.00.", result.Errors["Lines[1].Amount"]);
        input.Lines.RemoveAt(1);
        var overMax = await service.SaveBudgetAsync(id, input, applicant, complete: true);
        Assert.Contains("£250,000 or less", overMax.Errors["Lines"], StringComparison.Ordinal);
        await using var db = test.NewContext();
        Assert.Equal(2, await db.ApplicationBudgetLines.CountAsync(l => l.ApplicationId == id));
        Assert.Equal(Money.FromPounds(10_000m).Pence, (await db.Applications.SingleAsync(a => a.Id == id)).AmountRequestedPence);
    }

    [Fact]
    public async Task SaveOutcomesAsync_ChangingTheNationalPriorities_KeepsExactlyTheOnesChosen_AndTheRoundsObjectivesStayListed()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        var service = test.Get<ApplicationService>();
        var view = await service.GetAsync(id, applicant);
        var roundObjectives = view!.Objectives.Select(o => o.Id).ToList();
        var all = view.Priorities.Select(p => p.Id).ToList();
        Assert.True(all.Count >= 3, "the reference data has at least three national priorities");
        OutcomesInput Choosing(params int[] chosen) => new()
        {
            Objectives = view.Objectives.Select(o => new ObjectiveShareInput { ObjectiveId = o.Id, Share = o.SharePercent == 0 ? "" : o.SharePercent.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToList(),
            Indicators = [new IndicatorInput { Name = "People helped", Unit = "people", Target = "300" }],
            Priorities = all.Select(p => new PriorityChoiceInput { Id = p, Selected = chosen.Contains(p) }).ToList(),
        };

        var first = await service.SaveOutcomesAsync(id, Choosing(all[0], all[1]), applicant, complete: false);
        var again = await service.SaveOutcomesAsync(id, Choosing(all[1], all[2]), applicant, complete: false);

        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Values));
        Assert.True(again.Succeeded, string.Join("; ", again.Errors.Values));
        var after = await service.GetAsync(id, applicant);
        Assert.Equal([all[1], all[2]], after!.Priorities.Where(p => p.Selected).Select(p => p.Id).ToList());
        Assert.Equal(all, after.Priorities.Select(p => p.Id).ToList());
        Assert.Equal(roundObjectives, after.Objectives.Select(o => o.Id).ToList());
        Assert.NotEmpty(roundObjectives);
        await using var db = test.NewContext();
        var links = await db.Applications.Where(a => a.Id == id).SelectMany(a => a.NationalPriorities).Select(p => p.Id).OrderBy(p => p).ToListAsync();
        Assert.Equal(new[] { all[1], all[2] }.Order().ToList(), links);
    }

    [SqliteOnlyFact("builds a second model of the SQLite database at run time, beside the compiled one")]
    public async Task GetAsync_OnContextsOfAnotherModelInTheSameProcess_ReadsTheSameApplication()
    {
        // One process can hold two models (the benchmarks run SQLite and PostgreSQL side by side): the application's
        // compiled queries serve each, rather than refusing the second.
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        var expected = await test.Get<ApplicationService>().GetAsync(id, applicant);
        string connectionString;
        await using (var db = test.NewContext())
        {
            connectionString = db.Database.GetConnectionString()!;
        }
        // The app's container, so the model built at run time has the app's Identity schema: EF Core caches models by
        // context type across the process, and a model of another schema would be what later tests building one get.
        var options = new DbContextOptionsBuilder<GrantsDbContext>().UseSqlite(connectionString).UseApplicationServiceProvider(test.Services).Options;
        await using (var runtimeModel = new GrantsDbContext(options))
        await using (var compiledModel = test.NewContext())
        {
            Assert.NotSame(compiledModel.Model, runtimeModel.Model);
        }
        var other = new ApplicationService(new PooledDbContextFactory<GrantsDbContext>(options), test.Get<ICaseWorkflow>(), test.Get<AuditTrail>(),
            test.Get<TimeProvider>(), NullLogger<ApplicationService>.Instance, test.Get<ApplicationFormValidators>());

        var view = await other.GetAsync(id, applicant);
        var again = await test.Get<ApplicationService>().GetAsync(id, applicant);

        Assert.NotNull(expected);
        Assert.Equivalent(expected, view, strict: true);
        Assert.Equivalent(expected, again, strict: true);
    }

    [Fact]
    public async Task SaveOutcomesAsync_SharesNotSummingTo100_SavesTheDraftButTheSectionIsNotComplete()
    {
        var (test, applicant, id) = await CompleteDraftAsync();
        await using var _ = test;
        var service = test.Get<ApplicationService>();
        var view = await service.GetAsync(id, applicant);
        var input = new OutcomesInput
        {
            Objectives = view!.Objectives.Select((o, i) => new ObjectiveShareInput { ObjectiveId = o.Id, Share = i == 0 ? "50" : i == 1 ? "30" : "" }).ToList(),
            Indicators = [new IndicatorInput { Name = "People helped", Unit = "people", Target = "300" }],
        };

        var autosave = await service.SaveOutcomesAsync(id, input, applicant, complete: false);
        var onContinue = await service.SaveOutcomesAsync(id, input, applicant, complete: true);

        Assert.True(autosave.Succeeded);
        Assert.Equal("The shares add up to 80%; they must add up to 100%.", onContinue.Errors["Objectives"]);
        var after = await service.GetAsync(id, applicant);
        Assert.Equal(SectionStatus.InProgress, after!.Section(ApplicationSections.Outcomes).Status);
        Assert.Equal(80, after.Objectives.Sum(o => o.SharePercent));
    }

    [Fact]
    public async Task EveryOperation_ForSomeoneOutsideTheOrganisation_FindsNothing()
    {
        var (test, _, id) = await CompleteDraftAsync();
        await using var __ = test;
        var stranger = await TestData.CreateUserAsync(test, "eve@example.org", "Eve", Roles.Applicant);
        var service = test.Get<ApplicationService>();

        Assert.Null(await service.GetAsync(id, stranger));
        Assert.Null(await service.ReceiptAsync(id, stranger));
        Assert.False((await service.SaveProjectAsync(id, new ProjectInput { ProjectTitle = "Mine now" }, stranger, complete: false)).Succeeded);
        Assert.False((await service.SubmitAsync(id, stranger, "k")).Succeeded);
        await using var db = test.NewContext();
        Assert.Equal(ApplicationStates.Draft, (await db.Applications.SingleAsync(a => a.Id == id)).State);
    }
}
