using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>The finance pages (budgets by year, payment runs, a run, reconciliation): axe-core clean and no horizontal scroll at 1280 and 320 px.</summary>
[Collection(StaffBrowserCollection.Name)]
public class FinancePageTests(BrowserSite site)
{
    public static TheoryData<string> Pages => ["/finance", "/finance/2027", "/finance/runs", "/finance/runs/{exported}", "/finance/runs/{prepared}", "/finance/reconciliation"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FinancePage_HasNoAxeViolations_AndFitsAt320Pixels(string template) =>
        await site.AssertAccessibleAndReflowsAsync("finance@demo.opcc-grants.example", await PathAsync(template));

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var exported = await db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Exported).Select(r => r.Id).FirstAsync();
        var prepared = await db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Prepared).Select(r => r.Id).FirstAsync();
        return template.Replace("{exported}", exported.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{prepared}", prepared.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
