using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Applicants;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Applicants;

/// <summary>The applicant's tracking service: the offer shows exactly what accepting creates, returns submit and resubmit.</summary>
public class TrackServiceTests
{
    private static readonly DateTimeOffset May15 = new(2013, 5, 15, 9, 0, 0, TimeSpan.Zero);

    private sealed record Setup(TestDatabase Test, Actor Applicant, Actor Officer, Actor Stranger, int OrganisationId, int ApplicationId);

    private static async Task<Setup> PartFundedOfferAsync()
    {
        var test = await TestData.WithReferenceDataAsync(May15);
        var workflow = test.Get<ICaseWorkflow>();
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var stranger = await TestData.CreateUserAsync(test, "tom@example.org", "Tom Reed", Roles.Applicant);
        var officer = await TestData.CreateUserAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        var decider = await TestData.CreateUserAsync(test, "helen@example.org", "Helen Marsh", Roles.DecisionMaker);
        var orgId = await TestData.CreateOrganisationAsync(test, "Ludlow Street Angels", applicant);
        await TestData.CreateOrganisationAsync(test, "Tenbury Town Council", stranger);
        var applicationId = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(10_000m), new Dictionary<int, int> { [2] = 100 });
        var app = new CaseRef(CaseKind.Application, applicationId);
        await TestData.AddCompletedAssessmentsAsync(test, applicationId);
        await TestData.RecordDueDiligenceAsync(test, applicationId);
        foreach (var (trigger, actor) in new[] { (ApplicationTriggers.Submit, applicant), (ApplicationTriggers.StartChecks, officer),
                     (ApplicationTriggers.PassChecks, officer), (ApplicationTriggers.Recommend, officer) })
        {
            Assert.True((await workflow.FireAsync(new TransitionRequest(app, trigger, actor, TestData.Key()))).Succeeded, trigger);
        }
        var decided = await test.Get<DecisionService>().DecideAsync(new DecisionInput(applicationId, DecisionOutcome.PartFund, Money.FromPounds(7_500m),
            "Strong bid; the equipment is funded elsewhere.", "Acknowledge the Commissioner's funding.", null, null), decider, TestData.Key());
        Assert.True(decided.Succeeded, string.Join("; ", decided.Errors.Values));
        return new Setup(test, applicant, officer, stranger, orgId, applicationId);
    }

    [Fact]
    public async Task Track_PartFundedOffer_ShowsTheScaledCostsAndDefaultScheduleThatAcceptingCreates_AndAcceptingTwiceMakesOneAward()
    {
        var s = await PartFundedOfferAsync();
        await using var test = s.Test;
        var track = test.Get<ApplicantTrackService>();

        var offer = await track.OfferAsync(s.ApplicationId, s.Applicant);
        Assert.NotNull(offer);
        Assert.True(offer.IsOpen);
        Assert.True(offer.PartFunded);
        Assert.Equal(Money.FromPounds(7_500m), offer.Offered);
        Assert.Equal(offer.Offered, Money.Sum(offer.Plan.CostLines.Select(l => l.Amount)));
        Assert.Equal([Money.FromPounds(3_750m), Money.FromPounds(3_750m)], offer.Plan.Instalments.Select(i => i.Amount));
        Assert.Equal(new DateOnly(2013, 5, 15), offer.Plan.Instalments[0].Due);
        Assert.Null(await track.OfferAsync(s.ApplicationId, s.Stranger));

        var refused = await track.AcceptOfferAsync(s.ApplicationId, declared: false, s.Applicant, "k1");
        Assert.Equal("Declaration", Assert.Single(refused.Errors).Key);
        var first = await track.AcceptOfferAsync(s.ApplicationId, declared: true, s.Applicant, "k1");
        var second = await track.AcceptOfferAsync(s.ApplicationId, declared: true, s.Applicant, "k1");
        var stranger = await track.AcceptOfferAsync(s.ApplicationId, declared: true, s.Stranger, "k2");

        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Values));
        Assert.Equal(first.Value, second.Value);
        Assert.False(stranger.Succeeded);
        await using var db = test.NewContext();
        var award = await db.Awards.Include(a => a.CostLines).Include(a => a.Payments).Include(a => a.Returns).SingleAsync();
        Assert.Equal(offer.Plan.CostLines.Select(l => (l.Description, l.Amount.Pence)), award.CostLines.OrderBy(l => l.Order).Select(l => (l.Description, l.AmountPence)));
        Assert.Equal(offer.Plan.Instalments.Select(i => (i.Due, i.Amount.Pence)), award.Payments.OrderBy(p => p.InstalmentNumber).Select(p => (p.DueDate, p.AmountPence)));
        Assert.Equal(offer.Plan.Returns.Select(r => (r.Start, r.End, r.Due)), award.Returns.OrderBy(r => r.PeriodStart).Select(r => (r.PeriodStart, r.PeriodEnd, r.DueDate)));
        Assert.Equal(award.Id, (await track.GrantAsync(award.Id, s.Applicant))?.Id);
        Assert.Null(await track.GrantAsync(award.Id, s.Stranger));
    }

    [Fact]
    public async Task Track_DecliningNeedsAReason_AndKeepsItForTheGrantsTeam()
    {
        var s = await PartFundedOfferAsync();
        await using var test = s.Test;
        var track = test.Get<ApplicantTrackService>();

        var noReason = await track.DeclineOfferAsync(s.ApplicationId, " ", s.Applicant, "d1");
        var declined = await track.DeclineOfferAsync(s.ApplicationId, "The venue has closed.", s.Applicant, "d1");

        Assert.Equal("Reason", Assert.Single(noReason.Errors).Key);
        Assert.True(declined.Succeeded, string.Join("; ", declined.Errors.Values));
        var offer = await track.OfferAsync(s.ApplicationId, s.Applicant);
        Assert.Equal(ApplicationStates.OfferDeclined, offer?.State);
        Assert.Equal("The venue has closed.", offer?.DeclineReason);
        await using var db = test.NewContext();
        Assert.False(await db.Awards.AnyAsync());
    }

    [Fact]
    public async Task Track_ReturnSubmitQueryResubmit_WritesSpendAndValues_ShowsTheQuery_AndRefusesNegativesAndStrangers()
    {
        var s = await PartFundedOfferAsync();
        await using var test = s.Test;
        var track = test.Get<ApplicantTrackService>();
        var workflow = test.Get<ICaseWorkflow>();
        Assert.True((await track.AcceptOfferAsync(s.ApplicationId, true, s.Applicant, "a")).Succeeded);
        int returnId;
        await using (var db = test.NewContext())
        {
            returnId = await db.Returns.OrderBy(r => r.PeriodStart).Select(r => r.Id).FirstAsync();
        }
        test.Clock.SetUtcNow(new DateTimeOffset(2013, 7, 1, 9, 0, 0, TimeSpan.Zero));
        Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Open, Actor.System, TestData.Key()))).Succeeded);
        var view = await track.ReturnAsync(returnId, s.Applicant);
        Assert.NotNull(view);
        Assert.True(view.CanSubmit);
        Assert.Null(await track.ReturnAsync(returnId, s.Stranger));
        ReturnInput Input(string first, string narrative) => new()
        {
            Spend = [new SpendInput { CostLineId = view.CostLines[0].Id, Amount = first }, new SpendInput { CostLineId = view.CostLines[1].Id, Amount = "250" }],
            Indicators = [new IndicatorValueInput { IndicatorId = view.Indicators[0].Id, Value = "42" }],
            Narrative = narrative, SignOff = true,
        };

        var negative = await track.SubmitReturnAsync(returnId, Input("-5", "x"), s.Applicant, "r1");
        var noNarrative = await track.SubmitReturnAsync(returnId, Input("100", " "), s.Applicant, "r1");
        var byStranger = await track.SubmitReturnAsync(returnId, Input("100", "x"), s.Stranger, "r0");
        var allWrong = await track.SubmitReturnAsync(returnId, new ReturnInput
        {
            Spend = [new SpendInput { CostLineId = view.CostLines[1].Id, Amount = "lots" }],
            Indicators = [new IndicatorValueInput { IndicatorId = view.Indicators[0].Id, Value = "a dozen" }],
            Narrative = "", CaseStudy = new string('c', 4001), SignOff = true,
        }, s.Applicant, "r1");
        var submitted = await track.SubmitReturnAsync(returnId, Input("1,200.50", "Volunteers out every weekend."), s.Applicant, "r1");
        // A negative figure is a correction; it may not take spend to date below nothing.
        Assert.Equal($"Spend to date on {view.CostLines[0].Description} cannot go below £0.00: £0.00 has been reported on it so far.", negative.Errors["Spend[0].Amount"]);
        Assert.Equal("Describe the progress made in this period.", noNarrative.Errors["Narrative"]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Spend[0].Amount"] = $"Enter the spend on {view.CostLines[0].Description} this period (enter 0 if none).",
            ["Spend[1].Amount"] = $"Enter the spend on {view.CostLines[1].Description} in pounds, like 250 or 1,250.00.",
            ["Indicators[0].Value"] = $"Enter {view.Indicators[0].Name} as a number of {view.Indicators[0].Unit}, like 12.",
            ["Narrative"] = "Describe the progress made in this period.",
            ["CaseStudy"] = "This answer must be 4,000 characters or fewer.",
        }.OrderBy(e => e.Key, StringComparer.Ordinal), allWrong.Errors.OrderBy(e => e.Key, StringComparer.Ordinal));
        Assert.False(byStranger.Succeeded);
        Assert.True(submitted.Succeeded, string.Join("; ", submitted.Errors.Values));

        Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, returnId), ReturnTriggers.Query, s.Officer, TestData.Key())
        {
            Comment = "The radios line looks high: please attach the receipt.",
        })).Succeeded);
        var queried = Assert.Single(Assert.Single(await track.DashboardAsync(s.Applicant)).ReturnsQueried);
        Assert.Equal("The radios line looks high: please attach the receipt.", queried.Query);
        Assert.True((await track.ReturnAsync(returnId, s.Applicant))!.IsResubmission);

        var resubmitted = await track.SubmitReturnAsync(returnId, Input("1,100", "Receipt attached; the radios cost less."), s.Applicant, "r2");

        Assert.True(resubmitted.Succeeded, string.Join("; ", resubmitted.Errors.Values));
        await using var after = test.NewContext();
        var ret = await after.Returns.Include(r => r.SpendLines).Include(r => r.IndicatorValues).SingleAsync(r => r.Id == returnId);
        Assert.Equal(ReturnStates.Submitted, ret.State);
        Assert.Equal([110_000L, 25_000L], ret.SpendLines.OrderBy(l => l.CostLineId).Select(l => l.AmountPence));
        Assert.Equal(42, Assert.Single(ret.IndicatorValues).Value);
        Assert.Equal("Receipt attached; the radios cost less.", ret.Narrative);
        Assert.Equal([ReturnTriggers.Submit, ReturnTriggers.Resubmit], await after.WorkflowJournal
            .Where(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == returnId && (j.Trigger == ReturnTriggers.Submit || j.Trigger == ReturnTriggers.Resubmit))
            .OrderBy(j => j.Sequence).Select(j => j.Trigger).ToListAsync());
    }

    [Fact]
    public async Task Track_ReturnForm_IsPrefilledFromTheLastPeriod_AnEditorSavesADraft_AndOnlyAnOwnerSignsOffAndSends()
    {
        var s = await PartFundedOfferAsync();
        await using var test = s.Test;
        var track = test.Get<ApplicantTrackService>();
        var workflow = test.Get<ICaseWorkflow>();
        Assert.True((await track.AcceptOfferAsync(s.ApplicationId, true, s.Applicant, "a")).Succeeded);
        var editor = await TestData.CreateUserAsync(test, "ben@example.org", "Ben Hughes", Roles.Applicant);
        int first, second;
        await using (var db = test.NewContext())
        {
            var ids = await db.Returns.OrderBy(r => r.PeriodStart).Select(r => r.Id).Take(2).ToListAsync();
            (first, second) = (ids[0], ids[1]);
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = s.OrganisationId, UserId = editor.UserId, Email = "ben@example.org", Role = OrganisationRole.Editor });
            db.Attachments.Add(new Attachment
            {
                MonitoringReturnId = first, Purpose = "Evidence", FileName = "radio-receipt.pdf", ContentType = "application/pdf", SizeBytes = 10,
                StoredName = Guid.NewGuid().ToString("N"), Sha256 = new string('0', 64), UploadedAt = test.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        test.Clock.SetUtcNow(new DateTimeOffset(2013, 7, 1, 9, 0, 0, TimeSpan.Zero));
        Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, first), ReturnTriggers.Open, Actor.System, TestData.Key()))).Succeeded);
        var firstView = (await track.ReturnAsync(first, s.Applicant))!;
        Assert.Null(firstView.Previous);
        Assert.True((await track.SubmitReturnAsync(first, new ReturnInput
        {
            Spend = [new SpendInput { CostLineId = firstView.CostLines[0].Id, Amount = "1,200.50" }, new SpendInput { CostLineId = firstView.CostLines[1].Id, Amount = "250" }],
            Indicators = [new IndicatorValueInput { IndicatorId = firstView.Indicators[0].Id, Value = "42" }],
            Narrative = "Volunteers out every weekend.", Risks = "Two volunteers may leave in the autumn.", SignOff = true,
        }, s.Applicant, "s1")).Succeeded);
        test.Clock.SetUtcNow(new DateTimeOffset(2013, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var opened = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.MonitoringReturn, second), ReturnTriggers.Open, Actor.System, TestData.Key()));
        Assert.True(opened.Succeeded, opened.Message);

        // The form for the next period starts from the award's lines and targets and the last return's figures and words.
        var view = (await track.ReturnAsync(second, editor))!;
        Assert.Equal((firstView.Reference, "Volunteers out every weekend.", "Two volunteers may leave in the autumn."),
            (view.Previous?.Reference, view.Previous?.Narrative, view.Previous?.Risks));
        Assert.Equal(["radio-receipt.pdf"], view.Previous!.EvidenceFiles);
        Assert.Equal([(firstView.CostLines[0].Budget, new Money(120_050), (Money?)new Money(120_050)), (firstView.CostLines[1].Budget, new Money(25_000), new Money(25_000))],
            view.CostLines.Select(l => (l.Budget, l.SpentBefore, l.LastPeriod)));
        Assert.Equal((firstView.Indicators[0].Target, (double?)42), (view.Indicators[0].Target, view.Indicators[0].Previous));
        Assert.False(view.SignOff.ActorIsOwner);
        Assert.Equal(["Mary Evans"], view.SignOff.Owners);
        Assert.True((await track.ReturnAsync(second, s.Applicant))!.SignOff.ActorIsOwner);

        // A member who is not an owner prepares the return: a draft may leave answers blank, but what it gives is checked.
        var badDraft = await track.SaveReturnDraftAsync(second, new ReturnInput { Spend = [new SpendInput { CostLineId = view.CostLines[0].Id, Amount = "lots" }] }, editor);
        var draft = await track.SaveReturnDraftAsync(second, new ReturnInput
        {
            Spend = [new SpendInput { CostLineId = view.CostLines[0].Id, Amount = "300" }], Narrative = "Half-term sessions full.",
        }, editor);
        Assert.Equal($"Enter the spend on {view.CostLines[0].Description} in pounds, like 250 or 1,250.00.", Assert.Single(badDraft.Errors).Value);
        Assert.True(draft.Succeeded, string.Join("; ", draft.Errors.Values));
        var drafted = (await track.ReturnAsync(second, s.Applicant))!;
        Assert.Equal((ReturnStates.Due, "Ben Hughes", (DateTimeOffset?)test.Clock.GetUtcNow(), (Money?)new Money(30_000), (Money?)null, "Half-term sessions full."),
            (drafted.State, drafted.SignOff.DraftSavedBy, drafted.SignOff.DraftSavedAt, drafted.CostLines[0].ThisPeriod, drafted.CostLines[1].ThisPeriod, drafted.Narrative));

        // Sending is the sign-off: the editor cannot, through the form or straight through the workflow.
        var complete = new ReturnInput
        {
            Spend = [new SpendInput { CostLineId = view.CostLines[0].Id, Amount = "300" }, new SpendInput { CostLineId = view.CostLines[1].Id, Amount = "0" }],
            Indicators = [new IndicatorValueInput { IndicatorId = view.Indicators[0].Id, Value = "45" }],
            Narrative = "Half-term sessions full.", SignOff = true,
        };
        var byEditor = await track.SubmitReturnAsync(second, complete, editor, "s2");
        var byEditorDirect = await test.Get<ReturnService>().SubmitAsync(new ReturnSubmission(second, new Dictionary<int, Money>(), new Dictionary<int, double>(), "Sent."), editor, TestData.Key());
        var ownerNeeded = "Only an owner of Ludlow Street Angels can sign off and send the return. Save it as a draft and ask an owner to send it.";
        Assert.Equal(ownerNeeded, Assert.Single(byEditor.Errors).Value);
        Assert.Equal(ownerNeeded, Assert.Single(byEditorDirect.Errors).Value);
        var unsigned = await track.SubmitReturnAsync(second, new ReturnInput { Spend = complete.Spend, Indicators = complete.Indicators, Narrative = complete.Narrative }, s.Applicant, "s3");
        Assert.Equal(("SignOff", "Confirm that you sign the return off for the organisation, or save it as a draft."), (Assert.Single(unsigned.Errors).Key, unsigned.Errors["SignOff"]));
        await using (var db = test.NewContext())
        {
            var still = await db.Returns.SingleAsync(r => r.Id == second);
            Assert.Equal((ReturnStates.Due, (string?)null), (still.State, still.SignedOffByUserId));
        }

        var sent = await track.SubmitReturnAsync(second, complete, s.Applicant, "s4");

        Assert.True(sent.Succeeded, string.Join("; ", sent.Errors.Values));
        await using var after = test.NewContext();
        var ret = await after.Returns.SingleAsync(r => r.Id == second);
        Assert.Equal((ReturnStates.Submitted, s.Applicant.UserId, "Mary Evans", (DateTimeOffset?)test.Clock.GetUtcNow()),
            (ret.State, ret.SignedOffByUserId, ret.SignedOffByName, ret.SignedOffAt));
        Assert.Equal("Mary Evans", (await track.ReturnAsync(second, editor))!.SignOff.SignedOffBy);

        // A draft saved from a form left open after the return was sent says so (not "cannot be sent yet"), and changes nothing.
        var lateDraft = await track.SaveReturnDraftAsync(second, new ReturnInput { Narrative = "Changed my mind." }, editor);
        Assert.Equal(new ReturnAlreadySent(false), lateDraft.Failure);
        Assert.Equal("This return has already been sent and is with the grants officer, so it cannot be changed. Nothing was saved. If the officer queries it, you can change it then.",
            Assert.Single(lateDraft.Errors).Value);
        await using var unchanged = test.NewContext();
        Assert.Equal("Half-term sessions full.", (await unchanged.Returns.SingleAsync(r => r.Id == second)).Narrative);
    }
}
