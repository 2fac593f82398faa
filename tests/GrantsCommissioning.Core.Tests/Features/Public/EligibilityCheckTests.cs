using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Public;

/// <summary>The public eligibility check of a round: every question must be answered; a "no" where "yes" is needed gives the round's reason.</summary>
public sealed class EligibilityCheckTests
{
    [Fact]
    public async Task CheckEligibilityAsync_UnansweredQuestionsNamedByNumber_WrongAnswerGivesTheReason_AllYesIsEligible()
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var queries = test.Get<RoundQueries>();
        await using var db = test.NewContext();
        var rules = await db.Rounds.Where(r => r.Reference == "SMALL-2013").SelectMany(r => r.EligibilityRules).OrderBy(e => e.Order).ToListAsync();

        var unanswered = await queries.CheckEligibilityAsync("SMALL-2013", new Dictionary<int, bool?> { [rules[0].Id] = true });
        var no = await queries.CheckEligibilityAsync("SMALL-2013", new Dictionary<int, bool?> { [rules[0].Id] = true, [rules[1].Id] = false });
        var yes = await queries.CheckEligibilityAsync("SMALL-2013", rules.ToDictionary(r => r.Id, _ => (bool?)true));
        var unknown = await queries.CheckEligibilityAsync("NO-SUCH-ROUND", new Dictionary<int, bool?>());

        Assert.Equal([($"q{rules[1].Id}", "Answer question 2: Is the amount you need £500 or less?")], unanswered.Errors.Select(e => (e.Key, e.Value)));
        Assert.Equal((false, "The small fund pays at most £500 to each applicant."), (no.Value!.Eligible, Assert.Single(no.Value.Reasons)));
        Assert.True(yes.Value!.Eligible);
        Assert.False(unknown.Succeeded);
    }
}
