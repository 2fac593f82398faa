using System.Globalization;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd.Infrastructure;

/// <summary>A funding round as an officer sets it up on the new-round form (only what a test chooses; the rest is left as the form has it).</summary>
public sealed record RoundSetUp(string Reference, string Title, string Purpose, string WhoCanApply)
{
    public int MinAward { get; init; } = 500;
    public int MaxAward { get; init; } = 10_000;
    public int Budget { get; init; } = 50_000;
    /// <summary>Days from today (UTC) on which the round opens and closes.</summary>
    public int OpensInDays { get; init; } = -1;
    public int ClosesInDays { get; init; } = 30;
    public string Form { get; init; } = "standard";
    public IReadOnlyList<string> OrganisationTypes { get; init; } = ["RegisteredCharity"];
    public IReadOnlyList<string> Areas { get; init; } = [];
    /// <summary>Police and Crime Plan objective numbers the round serves (at least one is required).</summary>
    public IReadOnlyList<int> Objectives { get; init; } = [2];
    public int? ScoreScale { get; init; }
    public int? AssessorsPerApplication { get; init; }
    public int? DivergenceThreshold { get; init; }
    public IReadOnlyList<(string Title, string Guidance, int Weight)> Criteria { get; init; } = [];
}

/// <summary>The officer's new-round form (<c>/staff/rounds/new</c>, reached from the rounds list), filled field by field.</summary>
public static class RoundForm
{
    /// <summary>Opens the form from the list of rounds and fills it with <paramref name="round"/>; the test submits it.</summary>
    public static async Task FillNewAsync(IPage page, RoundSetUp round)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(round);
        await page.GotoAsync("/staff/rounds");
        await page.ClickAsync("text=Set up a funding round");
        await page.SelectOptionAsync("#Fund", "CGS");
        await page.FillAsync("#Reference", round.Reference);
        await page.FillAsync("#Title", round.Title);
        await page.FillAsync("#Purpose", round.Purpose);
        await page.FillAsync("#WhoCanApply", round.WhoCanApply);
        await page.FillAsync("#OpensDate", Day(round.OpensInDays));
        await page.FillAsync("#ClosesDate", Day(round.ClosesInDays));
        await page.FillAsync("#MinAward", Text(round.MinAward));
        await page.FillAsync("#MaxAward", Text(round.MaxAward));
        await page.FillAsync("#Budget", Text(round.Budget));
        await page.CheckAsync($"#form-{round.Form}");
        foreach (var type in round.OrganisationTypes)
        {
            await page.CheckAsync($"#type-{type}");
        }
        foreach (var area in round.Areas)
        {
            await page.Locator("#Areas").GetByLabel(area, new() { Exact = true }).CheckAsync();
        }
        foreach (var objective in round.Objectives)
        {
            await page.CheckAsync($"#objective-{Text(objective)}");
        }
        if (round.ScoreScale is { } scale)
        {
            await page.SelectOptionAsync("#ScoreScale", Text(scale));
        }
        if (round.AssessorsPerApplication is { } assessors)
        {
            await page.FillAsync("#AssessorsPerApplication", Text(assessors));
        }
        if (round.DivergenceThreshold is { } threshold)
        {
            await page.FillAsync("#DivergenceThreshold", Text(threshold));
        }
        for (var i = 0; i < round.Criteria.Count; i++)
        {
            var (title, guidance, weight) = round.Criteria[i];
            await page.FillAsync($"#Criteria-{i}-Title", title);
            await page.FillAsync($"#Criteria-{i}-Guidance", guidance);
            await page.FillAsync($"#Criteria-{i}-Weight", Text(weight));
        }
    }

    private static string Day(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
