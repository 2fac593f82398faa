using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Seeding;

/// <summary>The defect: submitted demo applications showed "Project dates: not given to not given", which the form would refuse.</summary>
public sealed class DemoProjectDatesTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ASubmittedDemoCaseWithoutProjectDates_StopsTheLoad_NamingTheCase()
    {
        var folder = SeedLoaderTests.CopyOfSeedData();
        var path = Path.Combine(folder, "demo", "cases-in-assessment.json");
        var text = await File.ReadAllTextAsync(path);
        var at = text.IndexOf("   \"start\": \"today+30d\",\n", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, string.Concat(text.AsSpan(0, at), text.AsSpan(at + "   \"start\": \"today+30d\",\n".Length)));
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadDemoDataAsync());

        Assert.Contains("seed-data/demo/cases-in-assessment.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("case CGS-CY-0101: a submitted application needs its project start and end dates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EverySubmittedDemoApplicationOnTheStandardForm_HasItsProjectDates()
    {
        await using var test = await TestDatabase.CreateAsync(Today);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();
        await test.Get<SeedLoader>().LoadDemoDataAsync();
        await using var db = test.NewContext();

        var undated = await db.Applications.Where(a => a.State != ApplicationStates.Draft && !a.Round!.UsesShortForm && (a.ProjectStart == null || a.ProjectEnd == null))
            .Select(a => a.ApplicationReference).ToListAsync();

        Assert.Empty(undated);
        Assert.True(await db.Applications.CountAsync(a => a.State != ApplicationStates.Draft && a.ProjectStart != null) > 60);
    }
}
