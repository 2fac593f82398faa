using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Funds;

/// <summary>
/// Every budget on the finance page links to the fund's page, where that year's budget is set, and shows the same amount
/// there (the committed and paid figures have their own drill-down lists).
/// </summary>
[Collection(DemoSiteCollection.Name)]
public partial class FinanceBudgetLinkTests(GrantsWebFactory site)
{
    [Fact]
    public async Task EachFundsBudget_OpensTheFundsPage_WithThatYearsBudget()
    {
        using var finance = await site.SignedInClientAsync("finance@demo.opcc-grants.example");
        var page = WebUtility.HtmlDecode(await finance.GetStringAsync(new Uri("/finance/2027", UriKind.Relative)));
        var links = BudgetLink().Matches(page).Select(m => (Href: m.Groups[1].Value, Amount: m.Groups[2].Value)).ToList();

        Assert.NotEmpty(links);
        foreach (var (href, amount) in links)
        {
            var fund = WebUtility.HtmlDecode(await finance.GetStringAsync(new Uri(href, UriKind.Relative)));
            Assert.Matches($"<a href=\"/finance/2027\">2027/28</a></th><td class=\"num\">{Regex.Escape(amount)}</td>", fund);
        }
    }

    [GeneratedRegex("<td class=\"num\"><a href=\"(/finance/funds/\\d+)#budgets\">(£[0-9,.]+)<span")]
    private static partial Regex BudgetLink();
}
