using System.Net;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Web.Tests.Organisations.Members;

/// <summary>An owner changing a member's role or removing them from the organisation profile.</summary>
[Collection(DemoSiteCollection.Second)]
public class OrganisationMemberPageTests(GrantsWebFactory site)
{
    private const string Password = "the original passphrase";

    [Fact]
    public async Task Owner_ChangesAnEditorToOwner_FromTheProfile()
    {
        var s = await OrganisationAsync();
        using var client = await site.SignedInClientAsync(s.OwnerEmail, Password);
        var profile = await client.GetStringAsync(new Uri($"/applicant/organisations/{s.OrgId}", UriKind.Relative));
        Assert.Contains($"href=\"/applicant/organisations/{s.OrgId}/people/{s.EditorRow}\"", profile, StringComparison.Ordinal);

        var response = await GrantsWebFactory.PostFormAsync(client, $"/applicant/organisations/{s.OrgId}/people/{s.EditorRow}", "role", new() { ["Role"] = "Owner" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("The role has been changed.", await client.GetStringAsync(response.Headers.Location), StringComparison.Ordinal);
        Assert.Equal(OrganisationRole.Owner, await RoleAsync(s.EditorRow));
    }

    [Fact]
    public async Task Owner_RemovesSomeone_OnlyAfterConfirming()
    {
        var s = await OrganisationAsync();
        using var client = await site.SignedInClientAsync(s.OwnerEmail, Password);
        var page = await client.GetStringAsync(new Uri($"/applicant/organisations/{s.OrgId}/people/{s.EditorRow}", UriKind.Relative));
        Assert.Contains($"href=\"/applicant/organisations/{s.OrgId}/people/{s.EditorRow}?remove=1\"", page, StringComparison.Ordinal);

        var confirm = await client.GetStringAsync(new Uri($"/applicant/organisations/{s.OrgId}/people/{s.EditorRow}?remove=1", UriKind.Relative));
        Assert.Contains($"<h1>Are you sure you want to remove {s.EditorEmail}?</h1>", confirm, StringComparison.Ordinal);
        Assert.Equal(OrganisationRole.Editor, await RoleAsync(s.EditorRow));

        var removed = await GrantsWebFactory.PostFormAsync(client, $"/applicant/organisations/{s.OrgId}/people/{s.EditorRow}?remove=1", "remove-confirmed", new());

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("They have been removed from the organisation.", await client.GetStringAsync(removed.Headers.Location), StringComparison.Ordinal);
        Assert.Null(await RoleAsync(s.EditorRow));
    }

    [Fact]
    public async Task TheOnlyOwner_RemovingThemself_IsToldWhy_AndStays()
    {
        var s = await OrganisationAsync();
        using var client = await site.SignedInClientAsync(s.OwnerEmail, Password);

        var response = await GrantsWebFactory.PostFormAsync(client, $"/applicant/organisations/{s.OrgId}/people/{s.OwnerRow}?remove=1", "remove-confirmed", new());
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>Error: Remove ", html, StringComparison.Ordinal);
        Assert.Contains("The organisation needs at least one owner who has signed in.", html, StringComparison.Ordinal);
        Assert.Equal(OrganisationRole.Owner, await RoleAsync(s.OwnerRow));
    }

    [Fact]
    public async Task AnEditor_OrAnotherOrganisation_Gets404_AndNoData()
    {
        var s = await OrganisationAsync();
        using var editor = await site.SignedInClientAsync(s.EditorEmail, Password);
        using var stranger = await site.SignedInClientAsync("treasurer@demo.opcc-grants.example");

        foreach (var client in new[] { editor, stranger })
        {
            var response = await client.GetAsync(new Uri($"/applicant/organisations/{s.OrgId}/people/{s.OwnerRow}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(s.OwnerEmail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var profile = await editor.GetStringAsync(new Uri($"/applicant/organisations/{s.OrgId}", UriKind.Relative));
        Assert.DoesNotContain("/people/", profile, StringComparison.Ordinal);
    }

    private sealed record Org(int OrgId, string OwnerEmail, string EditorEmail, int OwnerRow, int EditorRow);

    private async Task<Org> OrganisationAsync()
    {
        var owner = await site.CreateUserAsync($"owner-{Guid.NewGuid():N}@example.org", Password, displayName: "owner");
        var editor = await site.CreateUserAsync($"editor-{Guid.NewGuid():N}@example.org", Password, displayName: "editor");
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        var org = new Organisation
        {
            Name = "Presteigne Lunch Club", AddressLine1 = "2 Broad Street", Town = "Presteigne", Postcode = "LD8 2AA", AreaServed = "Herefordshire",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var ownerRow = new OrganisationMember { UserId = owner.Id, Email = owner.Email!, Role = OrganisationRole.Owner, AcceptedAt = DateTimeOffset.UtcNow };
        var editorRow = new OrganisationMember { UserId = editor.Id, Email = editor.Email!, Role = OrganisationRole.Editor, AcceptedAt = DateTimeOffset.UtcNow };
        org.Members.Add(ownerRow);
        org.Members.Add(editorRow);
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        return new Org(org.Id, owner.Email!, editor.Email!, ownerRow.Id, editorRow.Id);
    }

    private async Task<OrganisationRole?> RoleAsync(int memberId)
    {
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GrantsDbContext>>().CreateDbContextAsync();
        return await db.OrganisationMembers.Where(m => m.Id == memberId).Select(m => (OrganisationRole?)m.Role).SingleOrDefaultAsync();
    }
}
