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
/// Award emails go to the grants officer named on the award only, delivered through a real SMTP server (aiosmtpd): a
/// change request from workflow v4, the end of the grant period (final report) from v5, with every grants officer when
/// the award names none. An award still on an earlier version keeps its version's behaviour.
/// </summary>
public sealed class AwardMailTests : IAsyncLifetime
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
        Assert.True((await s.ReloadAsync(host)).WorkflowVersion >= 4);
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

    [Fact]
    public async Task GrantPeriodEnded_OnTheLatestVersion_IsEmailedToItsNamedOfficer_AndTheGrantee_NotToOtherOfficers()
    {
        var named = await data.UserAsync("Omar", Roles.GrantsOfficer);
        var other = await data.UserAsync("Ola", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(host, data, endDate: new DateOnly(2025, 3, 31));
        await NameOfficerAsync(s.Award.Id, named.UserId, version: null);

        var ended = await EndGrantPeriodAsync(s);
        await host.Dispatcher.DrainAsync();

        Assert.True(ended.Succeeded, ended.Message);
        // Since v5 the award's named officer is told (read from the registry: later versions keep it).
        Assert.Equal(host.Registry.Latest(CaseKind.Award).Definition.Version, (await s.ReloadAsync(host)).WorkflowVersion);
        var to = Delivered($"Award {s.Award.AwardReference}: the grant period has ended").SelectMany(m => m.To.Mailboxes).Select(m => m.Address).ToList();
        Assert.Equal(new[] { $"{named.UserId}@example.org", $"{s.Grantee.UserId}@example.org" }.Order(StringComparer.Ordinal), to.Order(StringComparer.Ordinal));
        Assert.DoesNotContain($"{other.UserId}@example.org", to);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(4)]
    public async Task GrantPeriodEnded_WithNoNamedOfficer_OrOnAV4Award_GoesToEveryGrantsOfficer(int? version)
    {
        var named = await data.UserAsync("Omar", Roles.GrantsOfficer);
        var other = await data.UserAsync("Ola", Roles.GrantsOfficer);
        var s = await MonitoringScenario.CreateAsync(host, data, endDate: new DateOnly(2025, 3, 31));
        // On v4 the award names its officer, and still every officer is told; on v5 with none named, every officer is.
        await NameOfficerAsync(s.Award.Id, version is null ? null : named.UserId, version);

        var ended = await EndGrantPeriodAsync(s);
        await host.Dispatcher.DrainAsync();

        Assert.True(ended.Succeeded, ended.Message);
        var to = Delivered($"Award {s.Award.AwardReference}: the grant period has ended").SelectMany(m => m.To.Mailboxes).Select(m => m.Address).ToList();
        Assert.Contains($"{named.UserId}@example.org", to);
        Assert.Contains($"{other.UserId}@example.org", to);
        Assert.Contains($"{s.Grantee.UserId}@example.org", to);
    }

    private Task<TransitionResult> EndGrantPeriodAsync(MonitoringScenario s) =>
        host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(s.Award), AwardTriggers.EndGrantPeriod, Actor.System, Guid.NewGuid().ToString()));

    private Task<Core.Features.FeatureResult<bool>> RequestAsync(MonitoringScenario s) =>
        host.Services.GetRequiredService<ChangeRequestService>().RequestAsync(s.Award.Id,
            new ChangeRequestInput(ChangeRequestKind.EndDateExtension, "Venue closed for repairs.", new DateOnly(2027, 4, 30)), s.Grantee, Guid.NewGuid().ToString());

    /// <summary>Names the award's officer; <paramref name="version"/> puts the award on an earlier workflow version, as awards started before it are.</summary>
    private async Task NameOfficerAsync(int awardId, string? officerUserId, int? version)
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
