using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Organisations;

/// <summary>Owners changing roles and removing people; the organisation always keeps an owner who has signed in.</summary>
public sealed class OrganisationMembersTests
{
    private sealed record Setup(WorkflowTestHost Host, OrganisationMembers Members, int OrgId, Actor Owner, Actor Editor, int OwnerRow, int EditorRow, int InvitedRow);

    private static async Task<Setup> OrganisationAsync()
    {
        var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var owner = await data.UserAsync("Ruth", Roles.Applicant);
        var editor = await data.UserAsync("Dev", Roles.Applicant);
        var orgId = await data.OrganisationAsync();
        await using var db = host.Db();
        var rows = new[]
        {
            new OrganisationMember { OrganisationId = orgId, UserId = owner.UserId, Email = "ruth@example.org", Role = OrganisationRole.Owner },
            new OrganisationMember { OrganisationId = orgId, UserId = editor.UserId, Email = "dev@example.org", Role = OrganisationRole.Editor },
            new OrganisationMember { OrganisationId = orgId, Email = "invited@example.org", Role = OrganisationRole.Owner },
        };
        db.OrganisationMembers.AddRange(rows);
        await db.SaveChangesAsync();
        return new Setup(host, host.Services.GetRequiredService<OrganisationMembers>(), orgId, owner, editor, rows[0].Id, rows[1].Id, rows[2].Id);
    }

    [Fact]
    public async Task Owner_MakesAnEditorAnOwner_ThenCanLeave_AndBothAreAudited()
    {
        var s = await OrganisationAsync();
        await using var host = s.Host;

        var promoted = await s.Members.ChangeRoleAsync(s.OrgId, s.EditorRow, "Owner", s.Owner);
        var left = await s.Members.RemoveAsync(s.OrgId, s.OwnerRow, s.Owner);

        Assert.True(promoted.Succeeded && left.Succeeded);
        await using var db = host.Db();
        Assert.Equal([("dev@example.org", OrganisationRole.Owner), ("invited@example.org", OrganisationRole.Owner)],
            (await db.OrganisationMembers.Where(m => m.OrganisationId == s.OrgId).OrderBy(m => m.Email).ToListAsync()).Select(m => (m.Email, m.Role)));
        var rows = await db.AuditLog.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([OrganisationAudit.RoleChangedAction, OrganisationAudit.RemovedAction], rows.Select(a => a.Action));
        Assert.All(rows, a => Assert.Equal(s.Owner.UserId, a.ActorUserId));
        Assert.Equal([("dev@example.org", "Editor"), ("dev@example.org", "Owner"), ("ruth@example.org", "Owner")],
            new[] { rows[0].Before, rows[0].After, rows[1].Before }.Select(Member));
        Assert.Null(rows[1].After);
    }

    private static (string?, string?) Member(string? json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json!);
        return (doc.RootElement.GetProperty("email").GetString(), doc.RootElement.GetProperty("role").GetString());
    }

    [Fact]
    public async Task TheLastSignedInOwner_CannotBeDemotedOrRemoved_AnInvitedOwnerDoesNotCount()
    {
        var s = await OrganisationAsync();
        await using var host = s.Host;

        var demoted = await s.Members.ChangeRoleAsync(s.OrgId, s.OwnerRow, "Editor", s.Owner);
        var removed = await s.Members.RemoveAsync(s.OrgId, s.OwnerRow, s.Owner);

        Assert.StartsWith("The organisation needs at least one owner who has signed in.", demoted.Errors[""], StringComparison.Ordinal);
        Assert.Equal(demoted.Errors[""], removed.Errors[""]);
        await using var db = host.Db();
        Assert.Equal(OrganisationRole.Owner, (await db.OrganisationMembers.SingleAsync(m => m.Id == s.OwnerRow)).Role);
        Assert.False(await db.AuditLog.AnyAsync());
    }

    [Fact]
    public async Task AnEditor_CannotChangeAnyone_AndAStranger_IsToldNothingExists()
    {
        var s = await OrganisationAsync();
        await using var host = s.Host;
        var stranger = await new WorkflowTestData(host).UserAsync("Tom", Roles.Applicant);

        var byEditor = await s.Members.RemoveAsync(s.OrgId, s.InvitedRow, s.Editor);
        var byStranger = await s.Members.ChangeRoleAsync(s.OrgId, s.EditorRow, "Owner", stranger);
        var badRole = await s.Members.ChangeRoleAsync(s.OrgId, s.EditorRow, "Treasurer", s.Owner);

        Assert.Equal("Only an owner of the organisation can change who can act for it.", byEditor.Errors[""]);
        Assert.StartsWith("That person was not found.", byStranger.Errors[""], StringComparison.Ordinal);
        Assert.Equal("Select whether they will be an owner or an editor.", badRole.Errors["Role"]);
        Assert.Null(await s.Members.GetAsync(s.OrgId, s.EditorRow, s.Editor));
        Assert.Null(await s.Members.GetAsync(s.OrgId, s.EditorRow, stranger));
        await using var db = host.Db();
        Assert.Equal(3, await db.OrganisationMembers.CountAsync(m => m.OrganisationId == s.OrgId));
        Assert.Equal(OrganisationRole.Editor, (await db.OrganisationMembers.SingleAsync(m => m.Id == s.EditorRow)).Role);
    }
}
