using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.EndToEnd.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GrantsCommissioning.EndToEnd;

/// <summary>The finance pages (budgets by year, payment runs, a run, reconciliation, a payment with its recovery): axe-core clean and no horizontal scroll at 1280 and 320 px.</summary>
[Collection(StaffBrowserCollection.Name)]
public class FinancePageTests(BrowserSite site)
{
    public static TheoryData<string> Pages => ["/finance", "/finance/2027", "/finance/runs", "/finance/runs/{exported}", "/finance/runs/{prepared}", "/finance/reconciliation",
        "/cases/payments/{clawedBack}"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task FinancePage_HasNoAxeViolations_AndFitsAt320Pixels(string template) =>
        await site.AssertAccessibleAndReflowsAsync("finance@demo.opcc-grants.example", await PathAsync(template));

    /// <summary>
    /// The defect "its grids truncate fund names, officer names, headers and hold reasons": no cell or header of a
    /// finance table or grid clips its text (an ellipsis or hidden overflow with more text than shows), at a desktop
    /// width and at 320 px, where the Radzen payments grid scrolls inside its own region rather than squeezing its
    /// column titles and state tags.
    /// </summary>
    [Theory]
    [InlineData("/finance", 1280)]
    [InlineData("/finance", 320)]
    [InlineData("/finance/2027", 320)]
    [InlineData("/finance/runs", 320)]
    public async Task FinanceTables_ClipNoFundNameOfficerNameHeaderOrHoldReason(string path, int width)
    {
        var page = await site.SignedInPageAsync("finance@demo.opcc-grants.example", width);
        try
        {
            await page.GotoAsync(path);
            await page.WaitForSelectorAsync("main h1");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var cells = await page.EvaluateAsync<int>("() => document.querySelectorAll('main table th, main table td').length");
            var clipped = await page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('main table th, main table td, main .rz-cell-data, main .rz-column-title, main .rz-column-title-content')]
                    .filter(e => e.getClientRects().length > 0)
                    .filter(e => { const s = getComputedStyle(e); return (s.textOverflow === 'ellipsis' || s.overflowX === 'hidden') && e.scrollWidth > e.clientWidth + 1; })
                    .map(e => e.textContent.trim())
                """);

            Assert.True(cells > 0, $"{path} shows no table at {width}px");
            Assert.True(clipped.Length == 0, $"{path} at {width}px clips: {string.Join(" | ", clipped)}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<string> PathAsync(string template)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var exported = await db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Exported).Select(r => r.Id).FirstAsync();
        var prepared = await db.Set<PaymentRun>().Where(r => r.State == PaymentRunWorkflow.Prepared).Select(r => r.Id).FirstAsync();
        // The payment page with its recovery-receipt panel (the demo's clawback INV-REC-0001 on AWD-CY-0017-P1).
        var clawedBack = await db.Payments.Where(p => p.PaymentReference == "AWD-CY-0017-P1").Select(p => p.Id).FirstAsync();
        return template.Replace("{clawedBack}", clawedBack.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{exported}", exported.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{prepared}", prepared.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
