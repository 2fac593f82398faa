using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Decisions;

/// <summary>Award splitting is shown to the officer and the decision maker on the application's case page.</summary>
[Collection(DemoSiteCollection.Name)]
public class RelatedAwardsWarningTests(GrantsWebFactory site)
{
    [Theory]
    [InlineData("officer@demo.opcc-grants.example")]
    [InlineData("chief.executive@demo.opcc-grants.example")]
    public async Task ApplicationCasePage_ForAnOrganisationWithAnotherRecentAward_ShowsTheRelatedAwardAndTheCombinedTotal(string email)
    {
        // Hereford Street Angels: CGS-CY-0002 (£12,000, submitted) and CGS-CY-0019 (£8,000 part-funded this year).
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0002").Select(a => a.Id));
        using var client = await site.SignedInClientAsync(email);

        var html = await client.GetStringAsync(new Uri($"/cases/applications/{id}", UriKind.Relative));

        Assert.Contains("Other awards to this organisation", html, StringComparison.Ordinal);
        Assert.Contains("CGS-CY-0019", html, StringComparison.Ordinal);
        // £12,000 requested plus £8,000 part-funded, and any decision other tests on the shared demo site have made since.
        var related = await site.Services.GetRequiredService<RelatedAwards>().ForAsync(id);
        Assert.True(related.Count >= 1);
        var combined = new Money(1_200_000) + Money.Sum(related.Select(r => r.Amount));
        Assert.Contains($"that makes {combined}", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicationCasePage_ForAnOrganisationWithNoOtherAward_ShowsNoWarning()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0005").Select(a => a.Id));
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = await client.GetStringAsync(new Uri($"/cases/applications/{id}", UriKind.Relative));

        Assert.DoesNotContain("Other awards to this organisation", html, StringComparison.Ordinal);
    }
}
