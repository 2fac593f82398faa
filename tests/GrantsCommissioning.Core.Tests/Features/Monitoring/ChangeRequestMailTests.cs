using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace GrantsCommissioning.Core.Tests.Features.Monitoring;

/// <summary>
/// Award workflow v4: a change request is emailed to the grants officer named on the award only, delivered through a
/// real SMTP server (aiosmtpd); an award still on v3 keeps its version's behaviour (every grants officer).
/// </summary>
public sealed class ChangeRequestMailTests : IAsyncLifetime
{
    private readonly SmtpTestServer smtp = new();
    private WorkflowTestHost host = null!;
    private WorkflowTestData data = null!;

    public async Task InitializeAsync()
    {
        smtp.Start();
        host = await WorkflowTestHost.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Email:Mode"] = "Smtp",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email:Smtp:UseStartTls"] = "false",
            ["Email:Smtp:TimeoutSeconds"] = "5",
        });
        data = new WorkflowTestData(host);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        smtp.Dispose();
    }

    [Fact]
    public async Task ChangeRequested_OnAV4Award_IsEmailedToItsNamedOfficerOnly()
    {
        var named = await data.UserAsync("Omar", Roles.GrantsOfficer);
        var other = await data.UserAsync("Ola", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(host, data);
        await NameOfficerAsync(s.Award.Id, named.UserId, version: null);

        var asked = await RequestAsync(s);
        await host.Dispatcher.DrainAsync();

        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));
        Assert.Equal(4, (await s.ReloadAsync(host)).WorkflowVersion);
        var mails = Delivered($"Change requested on award {s.Award.AwardReference}");
        var mail = Assert.Single(mails);
        Assert.Equal([$"{named.UserId}@example.org"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Gwen has asked for a change to award", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Extend the end date from 31 March 2027 to 30 April 2027", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Delivered(s.Award.AwardReference).SelectMany(m => m.To.Mailboxes), m => m.Address == $"{other.UserId}@example.org");
    }

    [Fact]
    public async Task ChangeRequested_OnAnAwardStillOnV3_GoesToEveryGrantsOfficer_AsItsVersionSays()
    {
        var named = await data.UserAsync("Omar", Roles.GrantsOfficer);
        var other = await data.UserAsync("Ola", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(host, data);
        await NameOfficerAsync(s.Award.Id, named.UserId, version: 3);

        var asked = await RequestAsync(s);
        await host.Dispatcher.DrainAsync();

        Assert.True(asked.Succeeded, string.Join("; ", asked.Errors.Values));
        var to = Delivered($"Variation requested on award {s.Award.AwardReference}").SelectMany(m => m.To.Mailboxes).Select(m => m.Address).ToList();
        Assert.Contains($"{named.UserId}@example.org", to);
        Assert.Contains($"{other.UserId}@example.org", to);
        Assert.Empty(Delivered($"Change requested on award {s.Award.AwardReference}"));
    }

    private Task<Core.Features.FeatureResult<bool>> RequestAsync(MonitoringScenario s) =>
        host.Services.GetRequiredService<ChangeRequestService>().RequestAsync(s.Award.Id,
            new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "Venue closed for repairs.", new DateOnly(2027, 4, 30)), s.Grantee, Guid.NewGuid().ToString());

    /// <summary>Names the award's officer; <paramref name="version"/> puts the award on an earlier workflow version, as awards started before v4 are.</summary>
    private async Task NameOfficerAsync(int awardId, string officerUserId, int? version)
    {
        using var db = host.Db();
        await db.Awards.Where(a => a.Id == awardId).ExecuteUpdateAsync(u => u.SetProperty(a => a.OfficerUserId, officerUserId));
        if (version is { } v)
        {
            await db.Awards.Where(a => a.Id == awardId).ExecuteUpdateAsync(u => u.SetProperty(a => a.WorkflowVersion, v));
        }
    }

    private List<MimeMessage> Delivered(string subject) =>
        smtp.Messages.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m))))
            .Where(m => m.Subject?.Contains(subject, StringComparison.Ordinal) == true).ToList();
}
