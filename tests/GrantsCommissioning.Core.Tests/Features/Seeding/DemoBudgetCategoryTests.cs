using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.TestCommon.Fixtures;

namespace GrantsCommissioning.Core.Tests.Features.Seeding;

/// <summary>The defect: demo cases had a budget category "Running costs" the form does not offer, so the applicant could not save them.</summary>
public sealed class DemoBudgetCategoryTests
{
    private static readonly DateTimeOffset Today = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ADemoCaseWithABudgetCategoryTheFormDoesNotOffer_StopsTheLoad_NamingTheCategoryAndTheCase()
    {
        var folder = SeedLoaderTests.CopyOfSeedData();
        var path = Path.Combine(folder, "demo", "cases-current-year.json");
        var text = await File.ReadAllTextAsync(path);
        var at = text.IndexOf("\"category\": \"Equipment\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, string.Concat(text.AsSpan(0, at), "\"category\": \"Running costs\"", text.AsSpan(at + "\"category\": \"Equipment\"".Length)));
        await using var test = await TestDatabase.CreateAsync(Today, seedDataPath: folder);
        await test.Get<SeedLoader>().LoadReferenceDataAsync();

        var ex = await Assert.ThrowsAsync<StartupException>(() => test.Get<SeedLoader>().LoadDemoDataAsync());

        Assert.Contains("seed-data/demo/cases-current-year.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("budget category 'Running costs' is not one the application form offers", ex.Message, StringComparison.Ordinal);
    }
}
