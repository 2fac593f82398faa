using System.Net;
using GrantsCommissioning.Web.Tests.Infrastructure;

namespace GrantsCommissioning.Web.Tests.Decisions;

/// <summary>
/// The flag of significant public interest as the demo shows it on a first run: CGS-CY-0005 (£9,500, within the decision
/// maker's limit) is flagged, so the case page, the approval tracker and the decision form say the Commissioner decides it
/// with a notice; the notice drafted from the case starts ticked. No new route: the case page's role matrix is unchanged.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class PublicInterestPageTests(GrantsWebFactory site)
{
    private const string Reason = "Speed cameras in villages are contested locally";

    [Fact]
    public async Task FlaggedCase_ShowsTheFlagOnTheCase_TheTracker_AndTheDecisionForm()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0005").Select(a => a.Id).Take(1));
        using var client = await site.SignedInClientAsync("chief.executive@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/applications/{id}", UriKind.Relative)));

        Assert.Contains("Flagged as of significant public interest</strong> by ", html, StringComparison.Ordinal);
        Assert.Contains(Reason, html, StringComparison.Ordinal);
        Assert.Contains("id=\"approval-public-interest\"", html, StringComparison.Ordinal);
        Assert.Contains("Decision: Police and Crime Commissioner (with a decision notice: significant public interest)", html, StringComparison.Ordinal);
        Assert.Contains("id=\"decision-public-interest\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"public-interest-reason\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlaggedCase_WithItsNoticeDrafted_TellsTheOfficerTheFlagStays_AndOffersNoRemoval()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0005").Select(a => a.Id).Take(1));
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/applications/{id}", UriKind.Relative)));

        Assert.Contains("The flag cannot be removed now: decision notice ", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"public-interest-remove-button\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnflaggedCase_OffersOfficersTheFlag_AndShowsNoFlag()
    {
        var id = await site.IdAsync(db => db.Applications.Where(a => a.ApplicationReference == "CGS-CY-0011").Select(a => a.Id).Take(1));
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/cases/applications/{id}", UriKind.Relative)));

        Assert.Contains("id=\"public-interest-reason\"", html, StringComparison.Ordinal);
        Assert.Contains("Flag as of significant public interest", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"approval-public-interest\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"decision-public-interest\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeDraftedFromTheFlaggedCase_StartsWithItsReferenceAndTheBoxTicked()
    {
        using var client = await site.SignedInClientAsync("officer@demo.opcc-grants.example");

        var flagged = await client.GetStringAsync(new Uri("/decision-notices/new?application=CGS-CY-0005", UriKind.Relative));
        var unflagged = await client.GetStringAsync(new Uri("/decision-notices/new?application=CGS-CY-0011", UriKind.Relative));

        Assert.Matches("id=\"SignificantPublicInterest\" type=\"checkbox\"[^>]*checked", flagged);
        Assert.Contains("CGS-CY-0005", flagged, StringComparison.Ordinal);
        Assert.DoesNotMatch("id=\"SignificantPublicInterest\" type=\"checkbox\"[^>]*checked", unflagged);
    }
}
