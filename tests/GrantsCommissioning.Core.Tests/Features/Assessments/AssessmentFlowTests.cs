using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Assessments;

/// <summary>
/// Assigning assessors, their register of interests, the conflict declaration and recusal, scoring with
/// justifications, moderation of diverging totals and the ranking, against the real database and workflow.
/// CGS-2013-14 asks for 2 assessors, criteria weighted 40/25/20/15 on a 0–5 scale, moderation above 20 points.
/// </summary>
public sealed class AssessmentFlowTests
{
    private static readonly DateTimeOffset May15 = new(2013, 5, 15, 10, 0, 0, TimeSpan.Zero);

    private sealed record Setup(TestDatabase Test, Actor Officer, Actor Tom, Actor Grace, Actor Ann, int ApplicationId, int RoundId);

    private static async Task<Setup> InAssessmentAsync(string reference = "TEST-0001", string organisation = "Ludlow Street Angels")
    {
        var test = await TestData.WithReferenceDataAsync(May15);
        var workflow = test.Get<ICaseWorkflow>();
        var applicant = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var officer = await UserInRoleAsync(test, "priya@example.org", "Priya Shah", Roles.GrantsOfficer);
        var tom = await UserInRoleAsync(test, "tom@example.org", "Tom Bennett", Roles.Assessor);
        var grace = await UserInRoleAsync(test, "grace@example.org", "Grace Adeyemi", Roles.Assessor);
        var ann = await UserInRoleAsync(test, "ann@example.org", "Ann Clarke", Roles.Assessor);
        var orgId = await TestData.CreateOrganisationAsync(test, organisation, applicant);
        var applicationId = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(10_000m), new Dictionary<int, int> { [2] = 100 }, reference);
        var app = new CaseRef(CaseKind.Application, applicationId);
        foreach (var (trigger, actor) in new[] { (ApplicationTriggers.Submit, applicant), (ApplicationTriggers.StartChecks, officer), (ApplicationTriggers.PassChecks, officer) })
        {
            Assert.True((await workflow.FireAsync(new TransitionRequest(app, trigger, actor, TestData.Key()))).Succeeded, trigger);
        }
        var interests = test.Get<InterestService>();
        foreach (var assessor in new[] { tom, grace, ann })
        {
            Assert.True((await interests.ConfirmAsync(assessor)).Succeeded);
        }
        await using var db = test.NewContext();
        var roundId = await db.Applications.Where(a => a.Id == applicationId).Select(a => a.RoundId).SingleAsync();
        return new Setup(test, officer, tom, grace, ann, applicationId, roundId);
    }

    private static async Task<Actor> UserInRoleAsync(TestDatabase test, string email, string name, string role)
    {
        var actor = await TestData.CreateUserAsync(test, email, name, role);
        await using var db = test.NewContext();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync();
        if (roleId is null)
        {
            roleId = Guid.NewGuid().ToString();
            db.Roles.Add(new IdentityRole { Id = roleId, Name = role, NormalizedName = role.ToUpperInvariant() });
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = actor.UserId, RoleId = roleId });
        await db.SaveChangesAsync();
        return actor;
    }

    private static AssignInput Assign(Setup s, Actor assessor) =>
        new() { ApplicationIds = [s.ApplicationId], AssessorUserId = assessor.UserId, DueDate = "2013-05-29" };

    private static async Task<int> AssessmentIdAsync(Setup s, Actor assessor)
    {
        await using var db = s.Test.NewContext();
        return await db.Assessments.Where(a => a.ApplicationId == s.ApplicationId && a.AssessorUserId == assessor.UserId).Select(a => a.Id).SingleAsync();
    }

    private static async Task<ScorePayload> PayloadAsync(Setup s, int[] scores, string? justification = "Evidence in section 3 supports this.")
    {
        await using var db = s.Test.NewContext();
        var criteria = await db.Criteria.Where(c => c.RoundId == s.RoundId).OrderBy(c => c.Order).ToListAsync();
        return new ScorePayload(criteria.Select((c, i) => new CriterionScore(c.Id, scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture), justification)).ToList(),
            "Fund", null);
    }

    [Fact]
    public async Task Assign_RefusesAnExpiredRegister_ARegisteredInterest_AndMoreThanTheRoundsNumber_ChangingNothing_AndEmailsTheAssessor()
    {
        var s = await InAssessmentAsync();
        await using var test = s.Test;
        var assignments = test.Get<AssignmentService>();
        var interests = test.Get<InterestService>();
        Assert.True((await interests.AddAsync(new InterestInput { Organisation = "Another name", CharityNumber = "1234567", Role = "Trustee" }, s.Ann)).Succeeded);
        var noRegister = await UserInRoleAsync(test, "sam@example.org", "Sam Patel", Roles.Assessor);

        var unconfirmed = await assignments.AssignAsync(s.RoundId, Assign(s, noRegister), s.Officer);
        var flagged = await assignments.AssignAsync(s.RoundId, Assign(s, s.Ann), s.Officer);
        var tom = await assignments.AssignAsync(s.RoundId, Assign(s, s.Tom), s.Officer);
        var again = await assignments.AssignAsync(s.RoundId, Assign(s, s.Tom), s.Officer);
        var grace = await assignments.AssignAsync(s.RoundId, Assign(s, s.Grace), s.Officer);
        Assert.True((await interests.ConfirmAsync(noRegister)).Succeeded);
        var third = await assignments.AssignAsync(s.RoundId, Assign(s, noRegister), s.Officer);
        test.Clock.Advance(TimeSpan.FromDays(366));
        var expired = await assignments.AssignAsync(s.RoundId, new AssignInput { ApplicationIds = [s.ApplicationId], AssessorUserId = s.Tom.UserId, DueDate = "2014-06-30" }, s.Officer);

        Assert.Equal("Sam Patel has not confirmed a register of interests, so they cannot be given new assignments. Ask them to confirm it under Your register of interests.",
            unconfirmed.Errors[""]);
        Assert.Equal("Ann Clarke's register of interests lists Another name, so they cannot assess TEST-0001. Choose another assessor.", flagged.Errors[""]);
        Assert.Equal((true, 1), (tom.Succeeded, tom.Value));
        Assert.Equal((true, 0), (again.Succeeded, again.Value));
        Assert.True(grace.Succeeded);
        Assert.Equal("TEST-0001 already has the 2 assessors its round asks for.", third.Errors[""]);
        Assert.Equal("Tom Bennett's register of interests expired on 15 May 2014, so they cannot be given new assignments. Ask them to re-confirm it under Your register of interests.",
            expired.Errors[""]);
        var view = await assignments.RoundAsync(s.RoundId, RoundApplicationSort.Reference, 0, 25);
        var line = Assert.Single(view!.Applications);
        Assert.Equal(["Tom Bennett", "Grace Adeyemi"], line.Assignments.Select(a => a.Assessor));
        Assert.Equal(1, view.Assessors.Single(a => a.Name == "Tom Bennett").Open);
        Assert.False(view.Assessors.Single(a => a.Name == "Tom Bennett").RegisterCurrent);
        Assert.True(view.Assessors.Single(a => a.Name == "Ann Clarke").RegisterCurrent is false);
        await using var db = test.NewContext();
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.ToAddress == "tom@example.org" && o.Subject.Contains("TEST-0001")));
    }

    [Fact]
    public async Task AssignInBulk_GivesTheAssessorEachTickedApplication_CountsTheirWorkload_AndOneRefusalAssignsNone()
    {
        var s = await InAssessmentAsync();
        await using var test = s.Test;
        var workflow = test.Get<ICaseWorkflow>();
        var applicant = await TestData.CreateUserAsync(test, "joe@example.org", "Joe Price", Roles.Applicant);
        var orgId = await TestData.CreateOrganisationAsync(test, "Oswestry Shopwatch", applicant);
        var second = await TestData.CreateDraftApplicationAsync(test, orgId, "CGS-2013-14", Money.FromPounds(8_000m), new Dictionary<int, int> { [2] = 100 }, "TEST-0002");
        foreach (var (trigger, actor) in new[] { (ApplicationTriggers.Submit, applicant), (ApplicationTriggers.StartChecks, s.Officer), (ApplicationTriggers.PassChecks, s.Officer) })
        {
            Assert.True((await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.Application, second), trigger, actor, TestData.Key()))).Succeeded, trigger);
        }
        // Ann's register names the second applicant only (by name: both test organisations share a charity number).
        Assert.True((await test.Get<InterestService>().AddAsync(new InterestInput { Organisation = "Oswestry Shopwatch", Role = "Volunteer" }, s.Ann)).Succeeded);
        var assignments = test.Get<AssignmentService>();
        AssignInput Both(Actor assessor) => new() { ApplicationIds = [s.ApplicationId, second], AssessorUserId = assessor.UserId, DueDate = "2013-05-29" };

        var tom = await assignments.AssignAsync(s.RoundId, Both(s.Tom), s.Officer);
        var ann = await assignments.AssignAsync(s.RoundId, Both(s.Ann), s.Officer);

        Assert.Equal((true, 2), (tom.Succeeded, tom.Value));
        Assert.Equal("Ann Clarke's register of interests lists Oswestry Shopwatch, so they cannot assess TEST-0002. Choose another assessor.", ann.Errors[""]);
        var view = (await assignments.RoundAsync(s.RoundId, RoundApplicationSort.Reference, 0, 25))!;
        Assert.Equal((2, 0), (view.Assessors.Single(a => a.Name == "Tom Bennett").Open, view.Assessors.Single(a => a.Name == "Ann Clarke").Open));
        await using var db = test.NewContext();
        Assert.False(await db.Assessments.AnyAsync(a => a.AssessorUserId == s.Ann.UserId));
        Assert.Equal(2, await db.Outbox.CountAsync(o => o.ToAddress == "tom@example.org"));
    }

    [Fact]
    public async Task Assessor_SeesTheCaseOnlyAfterDeclaringNoConflict_AConflictRecusesThemAndTellsTheOfficer_AndAReturnNeedsAReason()
    {
        var s = await InAssessmentAsync();
        await using var test = s.Test;
        var assignments = test.Get<AssignmentService>();
        var assessors = test.Get<AssessorService>();
        Assert.True((await assignments.AssignAsync(s.RoundId, Assign(s, s.Tom), s.Officer)).Succeeded);
        Assert.True((await assignments.AssignAsync(s.RoundId, Assign(s, s.Grace), s.Officer)).Succeeded);
        var tomId = await AssessmentIdAsync(s, s.Tom);
        var graceId = await AssessmentIdAsync(s, s.Grace);
        bool Sees(Actor a)
        {
            using var db = test.NewContext();
            return CaseAccess.MaySeeApplicationAsync(db, s.ApplicationId, a, default).GetAwaiter().GetResult();
        }

        var before = Sees(s.Tom);
        var scoreBeforeDeclaring = await assessors.ScoreAsync(tomId, await PayloadAsync(s, [4, 4, 4, 4]), TestData.Key(), s.Tom);
        var returnWithoutReason = await assessors.RespondAsync(graceId, new ResponseInput { Answer = "return" }, s.Grace);
        var conflict = await assessors.RespondAsync(graceId, new ResponseInput { Answer = "conflict", Details = "My sister chairs the charity." }, s.Grace);
        var accept = await assessors.RespondAsync(tomId, new ResponseInput { Answer = "accept" }, s.Tom);
        var acceptAgain = await assessors.RespondAsync(tomId, new ResponseInput { Answer = "accept" }, s.Tom);

        Assert.False(before);
        Assert.False(scoreBeforeDeclaring.Succeeded);
        Assert.Equal("Give the reason you are returning this assignment, so the officer can reassign it.", returnWithoutReason.Errors["Details"]);
        Assert.Equal(AssignmentState.Recused, conflict.Value);
        Assert.False(Sees(s.Grace));
        Assert.True(Sees(s.Tom));
        Assert.Equal(AssignmentState.ToScore, accept.Value);
        Assert.IsType<AssignmentAnswered>(acceptAgain.Failure);
        Assert.Null(await assessors.AssignmentAsync(graceId, s.Tom));
        await using var db = test.NewContext();
        var email = await db.Outbox.SingleAsync(o => o.ToAddress == "priya@example.org" && o.Subject.Contains("conflict"));
        Assert.Equal("Reassign TEST-0001: Grace Adeyemi declared a conflict of interest", email.Subject);
        var view = await assignments.RoundAsync(s.RoundId, RoundApplicationSort.Reference, 0, 25);
        Assert.Equal(1, Assert.Single(view!.Applications).Active);
    }

    [Fact]
    public async Task Scoring_NeedsAJustificationAndTheRoundsScale_DivergingTotalsNeedModerationBeforeRecommending_AndTheRankingUsesTheModeratedScore()
    {
        var s = await InAssessmentAsync();
        await using var test = s.Test;
        var assignments = test.Get<AssignmentService>();
        var assessors = test.Get<AssessorService>();
        var moderation = test.Get<ModerationService>();
        var workflow = test.Get<ICaseWorkflow>();
        foreach (var a in new[] { s.Tom, s.Grace })
        {
            Assert.True((await assignments.AssignAsync(s.RoundId, Assign(s, a), s.Officer)).Succeeded);
            Assert.True((await assessors.RespondAsync(await AssessmentIdAsync(s, a), new ResponseInput { Answer = "accept" }, a)).Succeeded);
        }
        var tomId = await AssessmentIdAsync(s, s.Tom);
        var graceId = await AssessmentIdAsync(s, s.Grace);

        var noJustification = await assessors.ScoreAsync(tomId, await PayloadAsync(s, [4, 4, 4, 4], " "), TestData.Key(), s.Tom);
        var offScale = await assessors.ScoreAsync(tomId, await PayloadAsync(s, [6, 4, 4, 4]), TestData.Key(), s.Tom);
        var tom = await assessors.ScoreAsync(tomId, await PayloadAsync(s, [4, 4, 4, 4]), TestData.Key(), s.Tom);
        var grace = await assessors.ScoreAsync(graceId, await PayloadAsync(s, [2, 3, 2, 2]), TestData.Key(), s.Grace);
        var app = new CaseRef(CaseKind.Application, s.ApplicationId);
        var refused = await workflow.FireAsync(new TransitionRequest(app, ApplicationTriggers.Recommend, s.Officer, TestData.Key()));
        var noReason = await moderation.ModerateAsync(s.ApplicationId, new ModerationInput { Score = "60" }, s.Officer);
        var moderated = await moderation.ModerateAsync(s.ApplicationId, new ModerationInput { Score = "60", Reason = "Agreed at the moderation meeting." }, s.Officer);
        var ranking = await moderation.RankingAsync(s.RoundId);
        var recommended = await workflow.FireAsync(new TransitionRequest(app, ApplicationTriggers.Recommend, s.Officer, TestData.Key()));

        Assert.StartsWith("Write a justification for your score on", noJustification.Errors.Values.First(), StringComparison.Ordinal);
        Assert.Contains("must be from 0 to 5", offScale.Errors.Values.Single(), StringComparison.Ordinal);
        Assert.True(tom.Succeeded && grace.Succeeded);
        var view = await moderation.GetAsync(s.ApplicationId);
        Assert.Equal([80.0m, 45.0m], view!.Assessors.Select(a => a.Total!.Value));
        Assert.Equal(RecommendHandler.ModerationMessage(20), Assert.Single(refused.Errors).Message);
        Assert.False(noReason.Succeeded);
        Assert.True(moderated.Succeeded);
        var row = Assert.Single(ranking!.Rows);
        Assert.Equal((60m, true, false), (row.Score!.Value, row.Moderated, row.NeedsModeration));
        Assert.True(recommended.Succeeded, recommended.Message);
        await using var db = test.NewContext();
        Assert.Equal(4, await db.AssessmentScores.CountAsync(x => x.AssessmentId == tomId && x.Comment == "Evidence in section 3 supports this."));
    }

    [Fact]
    public async Task TwoOfficersAssigningTheLastPlaceAtOnce_OneWins_TheOtherIsToldWhy_AndTheRoundsNumberHolds()
    {
        var s = await InAssessmentAsync();
        await using var test = s.Test;
        var second = await UserInRoleAsync(test, "jamal@example.org", "Jamal Hussain", Roles.GrantsOfficer);
        var assignments = test.Get<AssignmentService>();
        Assert.True((await assignments.AssignAsync(s.RoundId, Assign(s, s.Tom), s.Officer)).Succeeded);

        var results = await Task.WhenAll(
            Task.Run(() => assignments.AssignAsync(s.RoundId, Assign(s, s.Grace), s.Officer)),
            Task.Run(() => assignments.AssignAsync(s.RoundId, Assign(s, s.Ann), second)));

        var winner = Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Equal(1, winner.Value);
        Assert.True(loser.Failure is AssessorsComplete or ChangedMeanwhile, $"{loser.Failure}");
        Assert.Contains(Failures.Message(loser.Failure!), new[]
        {
            "TEST-0001 already has the 2 assessors its round asks for.", Failures.Message(new ChangedMeanwhile("round's assignments")),
        });
        await using var db = test.NewContext();
        var assigned = await db.Assessments.Where(a => a.ApplicationId == s.ApplicationId).Select(a => a.AssessorUserId).ToListAsync();
        Assert.Equal(2, assigned.Count);
        Assert.Equal(2, await db.Outbox.CountAsync(e => e.Template == AssignmentService.AssignedTemplate));
        Assert.Equal(2, await db.AuditLog.CountAsync(e => e.Action == "assessment.assigned"));
    }

    [Fact]
    public async Task Moderation_WhenTotalsAgree_IsRefused()
    {
        var s = await InAssessmentAsync();
        await using var test = s.Test;
        await TestData.AddCompletedAssessmentsAsync(test, s.ApplicationId);

        var result = await test.Get<ModerationService>().ModerateAsync(s.ApplicationId, new ModerationInput { Score = "70", Reason = "Agreed." }, s.Officer);

        Assert.Equal("TEST-0001 does not need moderation: its assessors' totals are within 20 percentage points of each other.", result.Errors[""]);
    }

    [Fact]
    public async Task Reminders_GoOnceBeforeTheDueDate_AndOverdueNoticesOnceAfterIt_ToTheAssessorAndTheOfficers()
    {
        var s = await InAssessmentAsync();
        await using var test = s.Test;
        Assert.True((await test.Get<AssignmentService>().AssignAsync(s.RoundId, Assign(s, s.Tom), s.Officer)).Succeeded);
        var reminders = test.Get<AssessmentReminders>();

        var early = await reminders.SendDueAsync();
        test.Clock.Advance(TimeSpan.FromDays(12));
        var reminded = await reminders.SendDueAsync();
        var again = await reminders.SendDueAsync();
        test.Clock.Advance(TimeSpan.FromDays(3));
        var overdue = await reminders.SendDueAsync();
        var overdueAgain = await reminders.SendDueAsync();

        Assert.Equal((0, 1, 0, 1, 0), (early, reminded, again, overdue, overdueAgain));
        await using var db = test.NewContext();
        var subjects = await db.Outbox.Where(o => o.Subject.Contains("TEST-0001")).Select(o => o.ToAddress + ": " + o.Subject).ToListAsync();
        Assert.Contains("tom@example.org: Reminder: your assessment of TEST-0001 is due by 29 May 2013", subjects);
        Assert.Contains("tom@example.org: Overdue: the assessment of TEST-0001 by Tom Bennett was due on 29 May 2013", subjects);
        Assert.Contains("priya@example.org: Overdue: the assessment of TEST-0001 by Tom Bennett was due on 29 May 2013", subjects);
    }

    [Fact]
    public void WeightedTotal_IsEachScoreAsAShareOfItsScaleTimesItsWeight()
    {
        var criteria = new Dictionary<int, AssessmentCriterion>
        {
            [1] = new() { Id = 1, Title = "A", Guidance = "", WeightPercent = 40, MaxScore = 5 },
            [2] = new() { Id = 2, Title = "B", Guidance = "", WeightPercent = 60, MaxScore = 10 },
        };

        Assert.Equal(62.0m, AssessmentScoring.WeightedTotal([(1, 4), (2, 5)], criteria));
        Assert.True(AssessmentScoring.Diverges([80m, 59m], 20));
        Assert.False(AssessmentScoring.Diverges([80m, 60m], 20));
    }
}
