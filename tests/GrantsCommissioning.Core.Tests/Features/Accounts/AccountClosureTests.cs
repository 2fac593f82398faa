using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Accounts;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Features.Accounts;

/// <summary>An applicant closing their own account: what goes, what stays, and when it is refused.</summary>
public sealed class AccountClosureTests
{
    [Fact]
    public async Task Close_AnEditor_RemovesTheAccountAndMembership_KeepsTheOrganisationAndItsApplication_AndAudits()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var owner = await data.UserAsync("Ruth", Roles.Applicant);
        var editor = await data.UserAsync("Dev", Roles.Applicant);
        var application = await data.ApplicationAsync(ApplicationStates.Submitted, applicant: owner);
        await AddMemberAsync(host, application.OrganisationId, owner, OrganisationRole.Owner);
        await AddMemberAsync(host, application.OrganisationId, editor, OrganisationRole.Editor);
        var closure = host.Services.GetRequiredService<AccountClosure>();

        Assert.Empty(await closure.BlockersAsync(editor.UserId));
        var closed = await closure.CloseAsync(editor);

        Assert.True(closed.Succeeded, string.Join("; ", closed.Errors.Values));
        await using var db = host.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Id == editor.UserId));
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == editor.UserId));
        Assert.False(await db.OrganisationMembers.AnyAsync(m => m.UserId == editor.UserId || m.Email == editor.UserId + "@example.org"));
        Assert.True(await db.OrganisationMembers.AnyAsync(m => m.OrganisationId == application.OrganisationId && m.UserId == owner.UserId));
        Assert.True(await db.Applications.AnyAsync(a => a.Id == application.Id && a.State == ApplicationStates.Submitted));
        var row = await db.AuditLog.OrderByDescending(a => a.Id).FirstAsync();
        Assert.Equal((AccountClosure.ClosedAction, editor.UserId, "Dev"), (row.Action, row.EntityId, row.ActorName));
        Assert.Contains("(Editor)", row.Before, StringComparison.Ordinal);
        Assert.True((await host.Services.GetRequiredService<AuditVerifier>().VerifyAsync()).IsIntact);
    }

    [Fact]
    public async Task Close_LeavesNoOpenInvitation_SoANewAccountWithTheSameAddressGetsNoAccess()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var owner = await data.UserAsync("Ruth", Roles.Applicant);
        var editor = await data.UserAsync("Dev", Roles.Applicant);
        var orgId = await data.OrganisationAsync();
        await AddMemberAsync(host, orgId, owner, OrganisationRole.Owner);
        await AddMemberAsync(host, orgId, editor, OrganisationRole.Editor);

        Assert.True((await host.Services.GetRequiredService<AccountClosure>().CloseAsync(editor)).Succeeded);
        var linked = await host.Services.GetRequiredService<OrganisationService>().LinkInvitationsAsync(Actor.For("someone-new", "Someone New", Roles.Applicant), editor.UserId + "@example.org");

        Assert.Equal(0, linked);
    }

    [Fact]
    public async Task Close_TheOnlyOwner_IsRefusedWithTheReason_AndChangesNothing_UntilAnotherOwnerHasSignedIn()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var owner = await data.UserAsync("Ruth", Roles.Applicant);
        var second = await data.UserAsync("Ama", Roles.Applicant);
        var orgId = await data.OrganisationAsync();
        await AddMemberAsync(host, orgId, owner, OrganisationRole.Owner);
        await AddMemberAsync(host, orgId, second, OrganisationRole.Editor);
        await using (var db = host.Db())
        {
            // Invited as an owner but not signed in yet: no one could run the organisation.
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = orgId, Email = "invited@example.org", Role = OrganisationRole.Owner });
            await db.SaveChangesAsync();
        }
        var closure = host.Services.GetRequiredService<AccountClosure>();
        string name;
        await using (var db = host.Db())
        {
            name = await db.Organisations.Where(o => o.Id == orgId).Select(o => o.Name).SingleAsync();
        }

        var refused = await closure.CloseAsync(owner);

        Assert.False(refused.Succeeded);
        Assert.StartsWith($"You are the only owner of {name}.", refused.Errors[""], StringComparison.Ordinal);
        Assert.Equal([refused.Errors[""]], await closure.BlockersAsync(owner.UserId));
        await using (var db = host.Db())
        {
            Assert.True(await db.Users.AnyAsync(u => u.Id == owner.UserId));
            Assert.True(await db.OrganisationMembers.AnyAsync(m => m.UserId == owner.UserId));
            Assert.False(await db.AuditLog.AnyAsync(a => a.Action == AccountClosure.ClosedAction));
            (await db.OrganisationMembers.SingleAsync(m => m.UserId == second.UserId)).Role = OrganisationRole.Owner;
            await db.SaveChangesAsync();
        }

        Assert.True((await closure.CloseAsync(owner)).Succeeded);
    }

    [Fact]
    public async Task Close_AStaffAccount_IsRefused()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var officer = await new WorkflowTestData(host).UserAsync("Priya", Roles.GrantsOfficer);

        var refused = await host.Services.GetRequiredService<AccountClosure>().CloseAsync(officer);

        Assert.StartsWith("Staff accounts are closed by the system administrator", refused.Errors[""], StringComparison.Ordinal);
        await using var db = host.Db();
        Assert.True(await db.Users.AnyAsync(u => u.Id == officer.UserId));
    }

    private static async Task AddMemberAsync(WorkflowTestHost host, int orgId, Actor user, OrganisationRole role)
    {
        await using var db = host.Db();
        var existing = await db.OrganisationMembers.SingleOrDefaultAsync(m => m.OrganisationId == orgId && m.UserId == user.UserId);
        if (existing is not null)
        {
            existing.Role = role;
        }
        else
        {
            db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = orgId, UserId = user.UserId, Email = user.UserId + "@example.org", Role = role });
        }
        await db.SaveChangesAsync();
    }
}
