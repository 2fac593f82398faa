using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Organisations;

public class OrganisationServiceTests
{
    internal static OrganisationInput Valid() => new()
    {
        Name = "Ludlow Street Angels", Type = nameof(OrganisationType.CompanyLimitedByGuarantee), CompanyNumber = "1234567",
        AddressLine1 = "1 High Street", Town = "Ludlow", Postcode = "sy81aa", AreaServed = "Shropshire",
    };

    [Fact]
    public async Task CreateAsync_WithACompanyNumber_GivesTheGbCohOrgId_AndMakesTheCreatorOwner()
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var mary = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var service = test.Get<OrganisationService>();

        var created = await service.CreateAsync(Valid(), mary, "mary@example.org");
        var view = await service.GetAsync(created.Value, mary);

        Assert.Equal("GB-COH-01234567", view!.OrgId);
        Assert.Equal("SY8 1AA", view.Postcode);
        Assert.True(view.IsOwner);
    }

    [Fact]
    public async Task CreateAsync_WithABadCharityNumber_SaysWhy_AndCreatesNothing()
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var mary = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var input = Valid();
        input.Type = nameof(OrganisationType.RegisteredCharity);
        input.CharityNumber = "12AB";

        var result = await test.Get<OrganisationService>().CreateAsync(input, mary, "mary@example.org");

        Assert.Equal("Enter a charity number of 6 or 7 digits, like 1150074.", result.Errors["CharityNumber"]);
        await using var db = test.NewContext();
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task BankDetailsAndInvites_OnlyOwners_AndTheInviteLinksWhenThatEmailSignsIn()
    {
        await using var test = await TestData.WithReferenceDataAsync();
        var owner = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var service = test.Get<OrganisationService>();
        var orgId = (await service.CreateAsync(Valid(), owner, "mary@example.org")).Value;

        var bank = await service.SetBankDetailsAsync(orgId, new BankDetailsInput { AccountName = "Ludlow Street Angels", SortCode = "30 94 57", AccountNumber = "00733445" }, owner);
        var invite = await service.InviteAsync(orgId, new InviteInput { Email = "Ben@Example.org", Role = "Editor" }, owner, "https://grants.example/Account/Login");
        var ben = await TestData.CreateUserAsync(test, "ben@example.org", "Ben Hughes", Roles.Applicant);
        Assert.Null(await service.GetAsync(orgId, ben));
        var linked = await service.LinkInvitationsAsync(ben, "ben@example.org");
        var asEditor = await service.SetBankDetailsAsync(orgId, new BankDetailsInput { AccountName = "Ben", SortCode = "111111", AccountNumber = "12345678" }, ben);
        var view = await service.GetAsync(orgId, ben);

        Assert.True(bank.Succeeded && invite.Succeeded);
        Assert.Equal(1, linked);
        Assert.False(asEditor.Succeeded);
        Assert.Equal("••••3445", view!.MaskedAccountNumber);
        Assert.Equal("30-94-57", view.BankSortCode);
        await using var db = test.NewContext();
        Assert.Equal(1, await db.Outbox.CountAsync(o => o.Template == OrganisationService.InvitationTemplate && o.ToAddress == "Ben@Example.org"));
    }
}
