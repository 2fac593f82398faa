using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>The finance pages (budgets by year, payment runs, a run, reconciliation): axe-core clean and no horizontal scroll at 1280 and 320 px.</summary>
[Collection(BrowserCollection.Name)]
public class FinancePageTests(BrowserSite site)
{
    public static TheoryData<string> Pages => ["/finance", "/finance/2027", "/finance/runs", "/finance/runs/{exported}", "/finance/runs/{prepared}", "/finance/reconciliation"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FinancePage_HasNoAxeViolations_AndFitsAt320Pixels(string template)
    {
        var path = await PathAsync(template);
        foreach (var width in new[] { 1280, 320 })
        {
            var page = await site.SignedInPageAsync("finance@demo.opcc-grants.example", width);
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path} answered {response?.Status}");
            await page.WaitForSelectorAsync("main h1");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            var violations = await Axe.RunAsync(page);

            Assert.True(violations.Count == 0, $"{path} at {width}px:{Environment.NewLine}{Axe.Describe(violations)}");
            if (Environment.GetEnvironmentVariable("GRANTS_SCREENSHOTS") is { Length: > 0 } folder)
            {
                var name = template.Trim('/').Replace('/', '-').Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal);
                await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"finance-{name}-{width}.png"), FullPage = true });
            }
            var scroll = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scroll <= width, $"{path} is {scroll}px wide at a {width}px viewport");
            await page.Context.CloseAsync();
        }
    }

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var exported = await db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Exported).Select(r => r.Id).FirstAsync();
        var prepared = await db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Prepared).Select(r => r.Id).FirstAsync();
        return template.Replace("{exported}", exported.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{prepared}", prepared.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
