using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Tests.Features.Seeding;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Rounds;

/// <summary>The demo rounds (seed-data/demo/rounds-setup.json) load through the officer's form rules, which refuse what the form refuses.</summary>
public sealed class DemoRoundLoaderTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DemoData_HasADraftRound_AndAPublishedRoundNotYetOpen()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        var seeds = test.Get<SeedLoader>();
        await seeds.LoadReferenceDataAsync();

        await seeds.LoadDemoDataAsync();

        await using var db = test.NewContext();
        var draft = await db.Rounds.Include(r => r.Criteria).SingleAsync(r => r.Reference == "CGS-NEXT");
        var winter = await db.Rounds.SingleAsync(r => r.Reference == "SMALL-WINTER");
        Assert.True(draft.IsDraft);
        Assert.Equal(100, draft.Criteria.Sum(c => c.WeightPercent));
        Assert.False(winter.IsDraft);
        Assert.Equal((1, 25, 1_000_000L), (winter.AssessorsPerApplication, winter.DivergenceThresholdPercent, winter.BudgetPence));
    }

    [Fact]
    public async Task DemoRoundWhoseWeightsDoNotAddUpTo100_StopsWithTheFormsMessage_AndLoadsNoRound()
    {
        var folder = SeedLoaderTests.CopyOfSeedData();
        var path = Path.Combine(folder, "demo", "rounds-setup.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"weight\": 40", "\"weight\": 45", StringComparison.Ordinal));
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadDemoDataAsync());

        Assert.Equal("Seed file seed-data/demo/rounds-setup.json: round SMALL-WINTER: the round set-up form would refuse it: The criteria weights must add up to 100%. They add up to 105%.", ex.Message);
        await using var db = test.NewContext();
        Assert.False(await db.Rounds.AnyAsync(r => r.Reference == "CGS-NEXT"));
    }
}
