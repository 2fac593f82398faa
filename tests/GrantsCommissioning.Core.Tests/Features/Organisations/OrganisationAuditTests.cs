using System.Globalization;
using System.Text.Json;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Tests.Features.Organisations;

/// <summary>
/// Changes to an organisation's identity, its bank account and who may act for it: each writes exactly one audit row
/// with before and after (bank numbers masked); a refused change writes none.
/// </summary>
public sealed class OrganisationAuditTests
{
    private static OrganisationInput Valid() => OrganisationServiceTests.Valid();

    private static BankDetailsInput Bank(string sortCode, string account) => new() { AccountName = "Ludlow Street Angels", SortCode = sortCode, AccountNumber = account };

    private sealed record Setup(TestDatabase Test, OrganisationService Service, Actor Owner, int OrgId);

    private static async Task<Setup> OrganisationAsync()
    {
        var test = await TestData.WithReferenceDataAsync();
        var owner = await TestData.CreateUserAsync(test, "mary@example.org", "Mary Evans", Roles.Applicant);
        var service = test.Get<OrganisationService>();
        var orgId = (await service.CreateAsync(Valid(), owner, "mary@example.org")).Value;
        return new Setup(test, service, owner, orgId);
    }

    [Fact]
    public async Task CreateAsync_WritesOneCreatedRow_NamingTheOwner()
    {
        var s = await OrganisationAsync();
        await using var test = s.Test;

        var row = Assert.Single(await RowsAsync(s));

        Assert.Equal((OrganisationAudit.CreatedAction, s.Owner.UserId, "Mary Evans"), (row.Action, row.ActorUserId, row.ActorName));
        Assert.Null(row.Before);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal("Ludlow Street Angels", after.RootElement.GetProperty("identity").GetProperty("name").GetString());
        Assert.Equal("Owner", after.RootElement.GetProperty("owner").GetProperty("role").GetString());
    }

    [Fact]
    public async Task UpdateAsync_NameAndAddressChanged_WritesOneRowWithBeforeAndAfter_AndInvalidOrNoChangeWritesNone()
    {
        var s = await OrganisationAsync();
        await using var test = s.Test;
        var changed = Valid();
        changed.Name = "Ludlow Angels CIO";
        changed.AddressLine1 = "2 Broad Street";
        var invalid = Valid();
        invalid.Name = " ";
        var stranger = await TestData.CreateUserAsync(test, "tom@example.org", "Tom Price", Roles.Applicant);

        Assert.True((await s.Service.UpdateAsync(s.OrgId, changed, s.Owner)).Succeeded);
        Assert.False((await s.Service.UpdateAsync(s.OrgId, invalid, s.Owner)).Succeeded);
        Assert.False((await s.Service.UpdateAsync(s.OrgId, Valid(), stranger)).Succeeded);
        Assert.True((await s.Service.UpdateAsync(s.OrgId, changed, s.Owner)).Succeeded);

        var row = Assert.Single(await RowsAsync(s, OrganisationAudit.DetailsChangedAction));
        Assert.Equal(s.Owner.UserId, row.ActorUserId);
        using var before = JsonDocument.Parse(row.Before!);
        using var after = JsonDocument.Parse(row.After!);
        Assert.Equal(("Ludlow Street Angels", "1 High Street"), (before.RootElement.GetProperty("name").GetString(), before.RootElement.GetProperty("addressLine1").GetString()));
        Assert.Equal(("Ludlow Angels CIO", "2 Broad Street"), (after.RootElement.GetProperty("name").GetString(), after.RootElement.GetProperty("addressLine1").GetString()));
        Assert.Equal("01234567", after.RootElement.GetProperty("companyNumber").GetString());
    }

    [Fact]
    public async Task SetBankDetailsAsync_SetThenChanged_WritesOneRowEach_WithNumbersMasked()
    {
        var s = await OrganisationAsync();
        await using var test = s.Test;

        Assert.True((await s.Service.SetBankDetailsAsync(s.OrgId, Bank("30-94-57", "00733445"), s.Owner)).Succeeded);
        Assert.True((await s.Service.SetBankDetailsAsync(s.OrgId, Bank("40-11-62", "12345678"), s.Owner)).Succeeded);

        var rows = await RowsAsync(s, OrganisationAudit.BankDetailsChangedAction);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(s.Owner.UserId, r.ActorUserId));
        Assert.Null(rows[0].Before);
        Assert.Equal(("••-••-57", "••••3445"), Numbers(rows[0].After));
        Assert.Equal(("••-••-57", "••••3445"), Numbers(rows[1].Before));
        Assert.Equal(("••-••-62", "••••5678"), Numbers(rows[1].After));
        Assert.All(rows, r => Assert.DoesNotContain("733445", (r.Before ?? "") + r.After, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("30-94", (r.Before ?? "") + r.After, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetBankDetailsAsync_Invalid_OrByAnEditor_WritesNoRow_AndChangesNothing()
    {
        var s = await OrganisationAsync();
        await using var test = s.Test;
        Assert.True((await s.Service.InviteAsync(s.OrgId, new InviteInput { Email = "ben@example.org", Role = "Editor" }, s.Owner, "https://grants.example/")).Succeeded);
        var ben = await TestData.CreateUserAsync(test, "ben@example.org", "Ben Hughes", Roles.Applicant);
        await s.Service.LinkInvitationsAsync(ben, "ben@example.org");

        var invalid = await s.Service.SetBankDetailsAsync(s.OrgId, Bank("12", "00733445"), s.Owner);
        var byEditor = await s.Service.SetBankDetailsAsync(s.OrgId, Bank("30-94-57", "00733445"), ben);

        Assert.False(invalid.Succeeded || byEditor.Succeeded);
        Assert.Empty(await RowsAsync(s, OrganisationAudit.BankDetailsChangedAction));
        await using var db = test.NewContext();
        Assert.Null((await db.Organisations.SingleAsync(o => o.Id == s.OrgId)).BankAccountNumber);
    }

    [Fact]
    public async Task InviteAsync_WritesOneInvitedRow_AndTheInviteeSigningIn_WritesOneAcceptedRow_ADuplicateInviteWritesNone()
    {
        var s = await OrganisationAsync();
        await using var test = s.Test;

        var invite = await s.Service.InviteAsync(s.OrgId, new InviteInput { Email = "ben@example.org", Role = "Editor" }, s.Owner, "https://grants.example/");
        var again = await s.Service.InviteAsync(s.OrgId, new InviteInput { Email = "BEN@example.org", Role = "Owner" }, s.Owner, "https://grants.example/");
        var ben = await TestData.CreateUserAsync(test, "ben@example.org", "Ben Hughes", Roles.Applicant);
        await s.Service.LinkInvitationsAsync(ben, "ben@example.org");

        Assert.True(invite.Succeeded);
        Assert.False(again.Succeeded);
        var invited = Assert.Single(await RowsAsync(s, OrganisationAudit.InvitedAction));
        Assert.Equal(s.Owner.UserId, invited.ActorUserId);
        Assert.Null(invited.Before);
        using (var after = JsonDocument.Parse(invited.After!))
        {
            Assert.Equal(("ben@example.org", "Editor"), (after.RootElement.GetProperty("email").GetString(), after.RootElement.GetProperty("role").GetString()));
        }
        var accepted = Assert.Single(await RowsAsync(s, OrganisationAudit.InvitationAcceptedAction));
        Assert.Equal(ben.UserId, accepted.ActorUserId);
        using var acceptedAfter = JsonDocument.Parse(accepted.After!);
        Assert.Equal(ben.UserId, acceptedAfter.RootElement.GetProperty("userId").GetString());
        Assert.True((await test.Get<AuditVerifier>().VerifyAsync()).IsIntact);
    }

    private static (string?, string?) Numbers(string? json)
    {
        using var doc = JsonDocument.Parse(json!);
        return (doc.RootElement.GetProperty("sortCode").GetString(), doc.RootElement.GetProperty("accountNumber").GetString());
    }

    private static async Task<List<AuditEntry>> RowsAsync(Setup s, string? action = null)
    {
        await using var db = s.Test.NewContext();
        var id = s.OrgId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditLog.Where(a => a.EntityType == nameof(Organisation) && a.EntityId == id && (action == null || a.Action == action))
            .OrderBy(a => a.Id).ToListAsync();
    }
}
