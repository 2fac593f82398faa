using Bunit;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Transparency;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using QualityPage = GrantsCommissioning.Web.Components.Pages.Transparency.Quality.Page;

namespace GrantsCommissioning.Web.Tests.Transparency;

/// <summary>The officers' mark form on /open-data/quality, rendered with the real Core services on SQLite: whole recipient or location only.</summary>
public sealed class SensitiveMarkFormTests : BunitContext, IAsyncLifetime
{
    private WorkflowTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkflowTestHost.CreateAsync(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero)));
        Services.AddSingleton(_host.Services.GetRequiredService<ThreeSixtyGiving>());
        Services.AddSingleton(_host.Services.GetRequiredService<SensitiveRecipients>());
    }

    async Task IAsyncLifetime.DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Officer_ChoosesWhatIsWithheld_AndThePublicDataFollows(bool locationOnly)
    {
        var data = new WorkflowTestData(_host);
        var officer = await data.UserAsync("Grace", Roles.GrantsOfficer);
        var award = await data.AwardAsync();
        string name;
        await using (var db = _host.Db())
        {
            name = (await db.Organisations.SingleAsync(o => o.Id == award.OrganisationId)).Name;
        }
        this.SignInAsOfficer(officer);
        var cut = Render<QualityPage>();
        // The select is drawn before its choices arrive; a person can only pick the recipient once it is listed.
        var option = $"#OrganisationId option[value='{award.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture)}']";
        cut.WaitForState(() => cut.FindAll(option).Count > 0);

        Assert.Equal("What must not be published", cut.Find("legend").TextContent);
        Assert.True(cut.Find("#ScopeRecipient").HasAttribute("checked"));
        Assert.StartsWith("The whole recipient: its name, identifiers and location", cut.Find("label[for=ScopeRecipient]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Only its location: its name and grants stay public, its town, postcode and area are withheld",
            cut.Find("label[for=ScopeLocation]").TextContent, StringComparison.Ordinal);

        cut.Find("#OrganisationId").Change(award.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (locationOnly)
        {
            cut.Find("#ScopeLocation").Change(true);
        }
        cut.Find("#Reason").Change("Its night shelter's address is private.");
        cut.FindAll("button").Single(b => b.TextContent == "Mark as sensitive").Click();

        cut.WaitForAssertion(() => Assert.Contains(
            locationOnly ? $"{name}'s location is marked as sensitive" : $"{name} is marked as sensitive: no public page or file names it now",
            cut.Find("[role=status]").TextContent, StringComparison.Ordinal));
        var card = cut.FindAll(".card-list li").Single(li => li.QuerySelector("h3")!.TextContent == name);
        Assert.Contains(locationOnly ? "Location withheld: name and grants published" : "Name, identifiers and location withheld", card.TextContent, StringComparison.Ordinal);
        await using (var db = _host.Db())
        {
            Assert.Equal(locationOnly ? SensitiveScope.Location : SensitiveScope.Recipient,
                (await db.Set<SensitiveRecipient>().SingleAsync(s => s.OrganisationId == award.OrganisationId)).Scope);
        }
        var grant = Assert.Single(await _host.Services.GetRequiredService<PublicRegisters>().AllGrantsAsync(), g => g.AwardReference == award.AwardReference);
        Assert.Equal((locationOnly ? name : PublicRegisters.WithheldRecipient, (string?)null, (PublicLocation?)null), (grant.Recipient, grant.RecipientTown, grant.Location));
    }
}
