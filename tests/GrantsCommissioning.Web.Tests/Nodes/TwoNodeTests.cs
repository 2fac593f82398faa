using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using GrantsCommissioning.Web.Tests.Applicants;
using GrantsCommissioning.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Xunit.Abstractions;

namespace GrantsCommissioning.Web.Tests.Nodes;

/// <summary>
/// Two real app processes on loopback against one PostgreSQL database and one real SMTP server (aiosmtpd): timers made
/// due while a burst of application submissions goes through both nodes, node B killed with kill -9 mid-burst (its
/// browsers' requests then go to node A, as a reverse proxy would send them). Every receipt issued exists once, every
/// email is sent once (a message node B was handing over when it died is left InDoubt, never sent twice), every timer
/// fires once. Runs only on PostgreSQL (`bash tests/run.sh --postgres`); the figures are written to the test output.
/// </summary>
public sealed class TwoNodeTests(ITestOutputHelper output)
{
    private const string Applicant = "applicant@demo.opcc-grants.example";
    private const string Organisation = "Hereford Street Angels";
    private const int Submissions = 16;
    private const int KillAfterReceipts = 5;
    private const int TimersToFire = 8;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a node may take to start: node A migrates PostgreSQL and loads the demo data through the app's services,
    /// which took over 5 minutes while the other suites (and a Release build) loaded the two cores to 45.
    /// </summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(12);

    [PostgresFact]
    public async Task TwoNodesOnOnePostgres_NodeKilledMidBurst_EachReceiptEmailAndTimerOnce()
    {
        var data = Path.Combine(Path.GetTempPath(), "gc-nodes-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var connectionString = TestDatabaseProvider.PostgresConnectionString(data);
        using var smtp = new SmtpTestServer();
        smtp.Start();
        try
        {
            using var a = AppNode.Start("A", Settings(data, connectionString, smtp, loadDemoData: true));
            await a.WaitUntilUpAsync(StartPatience);
            using var b = AppNode.Start("B", Settings(data, connectionString, smtp, loadDemoData: false));
            await b.WaitUntilUpAsync(StartPatience);
            await using var db = Database(connectionString);
            var organisationId = await db.Organisations.Where(o => o.Name == Organisation).Select(o => o.Id).SingleAsync();
            var members = await db.OrganisationMembers.CountAsync(m => m.OrganisationId == organisationId);
            // The demo's own overdue timers fire as the nodes start; once they have, some pending ones are made due.
            Assert.True(await WorkflowTestHost.EventuallyAsync(async () => !await db.WorkflowTimers.AnyAsync(t => t.Status == WorkflowTimerStatus.Pending && t.DueAt <= DateTimeOffset.UtcNow), Patience),
                "the demo's due timers did not fire:\n" + a.Output + "\n" + b.Output);
            var timers = await MakeTimersDueAsync(db);

            // One browser, signed in on node A; its requests for odd submissions go to node B with the same cookies.
            var cookies = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
            using var viaA = new FailoverHandler(a, a);
            using var viaB = new FailoverHandler(b, a);
            using var clientA = Client(cookies, viaA);
            using var clientB = Client(cookies, viaB);
            var signIn = await GrantsWebFactory.SignInAsync(clientA, Applicant, GrantsWebFactory.DemoPassword);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

            var began = DateTimeOffset.UtcNow;
            var receipts = new ConcurrentBag<(int Id, string Reference)>();
            var killedAfter = -1;
            using var gate = new SemaphoreSlim(4);
            var burst = Enumerable.Range(0, Submissions).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var receipt = await SubmitAsync(i % 2 == 0 ? clientA : clientB, organisationId, i);
                    receipts.Add(receipt);
                    if (receipts.Count == KillAfterReceipts && Interlocked.CompareExchange(ref killedAfter, KillAfterReceipts, -1) == -1)
                    {
                        b.Kill();
                    }
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(burst);
            Assert.False(b.Alive, "node B was to be killed mid-burst");

            var settled = await WorkflowTestHost.EventuallyAsync(async () =>
            {
                db.ChangeTracker.Clear();
                var now = DateTimeOffset.UtcNow;
                var openTimers = await db.WorkflowTimers.CountAsync(t => timers.Contains(t.Id) && t.Status == WorkflowTimerStatus.Pending);
                var dueTimers = await db.WorkflowTimers.CountAsync(t => t.Status == WorkflowTimerStatus.Pending && t.DueAt <= now);
                var unsent = await db.Outbox.CountAsync(e => e.Status == OutboxStatus.Pending || e.Status == OutboxStatus.Sending);
                return openTimers == 0 && dueTimers == 0 && unsent == 0;
            }, Patience);
            Assert.True(settled, "timers and outbox did not settle on node A:\n" + a.Output + "\n" + b.Output);

            // Receipts: each submission has its application, submitted once, with one receipt email per member.
            db.ChangeTracker.Clear();
            var ids = receipts.Select(r => r.Id).ToList();
            var applications = await db.Applications.Where(x => ids.Contains(x.Id)).ToListAsync();
            var submits = await db.WorkflowJournal
                .Where(j => j.CaseKind == CaseKind.Application && ids.Contains(j.CaseId) && j.Trigger == ApplicationTriggers.Submit)
                .GroupBy(j => j.CaseId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
            var receiptMails = await db.Outbox.Where(e => e.Template == "application-submitted").ToListAsync();
            Assert.Equal(Submissions, receipts.Count);
            Assert.Equal(Submissions, receipts.Select(r => r.Reference).Distinct(StringComparer.Ordinal).Count());
            Assert.All(applications, x => Assert.Equal(ApplicationStates.Submitted, x.State));
            Assert.Equal(Submissions, applications.Count);
            Assert.Equal(Submissions, submits.Count);
            Assert.All(submits, s => Assert.Equal(1, s.Count));
            Assert.All(receipts, r => Assert.Equal(members, receiptMails.Count(e => e.Subject.Contains(r.Reference, StringComparison.Ordinal))));

            // Emails: every row settled; each delivered message once; a Sent row's message delivered exactly once.
            var outbox = await db.Outbox.Select(e => new { e.MessageId, e.Status }).ToListAsync();
            var delivered = smtp.Messages.Select(m => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(m))).MessageId ?? "").ToList();
            var deliveredOnce = delivered.GroupBy(m => m, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            Assert.All(outbox, e => Assert.Contains(e.Status, new[] { OutboxStatus.Sent, OutboxStatus.InDoubt }));
            Assert.All(deliveredOnce, d => Assert.Equal(1, d.Value));
            Assert.All(outbox.Where(e => e.Status == OutboxStatus.Sent), e => Assert.True(deliveredOnce.ContainsKey(e.MessageId), $"{e.MessageId} marked Sent, never delivered"));
            Assert.All(delivered, m => Assert.Contains(m, outbox.Select(e => e.MessageId)));

            // Timers: each one made due has run: fired once (one journal row keyed by the timer), or cancelled without a
            // firing because an earlier transition took its case out of the timer's state; every fired timer fired once.
            var closed = await db.WorkflowTimers.Where(t => t.Status != WorkflowTimerStatus.Pending).Select(t => new { t.Id, t.Status }).ToListAsync();
            var fired = closed.Where(t => t.Status == WorkflowTimerStatus.Fired).Select(t => t.Id).ToList();
            var firings = (await db.WorkflowJournal.Where(j => j.IdempotencyKey.StartsWith("timer:")).Select(j => j.IdempotencyKey).ToListAsync())
                .GroupBy(k => long.Parse(k["timer:".Length..], CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());
            Assert.All(timers, id => Assert.Contains(id, closed.Select(t => t.Id)));
            Assert.Contains(timers, id => fired.Contains(id));
            Assert.All(fired, id => Assert.Equal(1, firings.GetValueOrDefault(id)));
            Assert.All(closed.Where(t => t.Status == WorkflowTimerStatus.Cancelled && timers.Contains(t.Id)), t => Assert.False(firings.ContainsKey(t.Id)));
            Assert.All(firings, f => Assert.Contains(f.Key, fired));

            var drafts = await db.Applications.CountAsync(x => x.CreatedAt >= began);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Two nodes on one PostgreSQL, node B killed (kill -9) after {KillAfterReceipts} receipts: submissions {Submissions}, receipts {receipts.Count} " +
                $"(distinct references {receipts.Select(r => r.Reference).Distinct(StringComparer.Ordinal).Count()}, each submitted once), " +
                $"requests failed over to A {viaB.Failovers}, drafts started {drafts}; " +
                $"emails queued {outbox.Count}, sent {outbox.Count(e => e.Status == OutboxStatus.Sent)}, in doubt {outbox.Count(e => e.Status == OutboxStatus.InDoubt)}, " +
                $"SMTP messages {delivered.Count} (duplicates {delivered.Count - deliveredOnce.Count}); " +
                $"timers made due {timers.Count} (fired {timers.Count(fired.Contains)}, cancelled by an earlier transition {timers.Count(id => !fired.Contains(id))}), " +
                $"timers fired in the whole run {fired.Count} (journal entries {firings.Values.Sum()})."));
        }
        finally
        {
            TestDatabaseProvider.Drop(data);
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static Dictionary<string, string> Settings(string data, string connectionString, SmtpTestServer smtp, bool loadDemoData) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Grants:DataDirectory"] = data,
        ["Grants:Database:Provider"] = "Postgres",
        ["Grants:Database:ConnectionString"] = connectionString,
        ["Grants:LoadDemoData"] = loadDemoData ? "true" : "false",
        ["Grants:SeedDataPath"] = RepositoryPaths.Resolve(null, "seed-data", AppContext.BaseDirectory),
        ["Grants:WorkflowsPath"] = RepositoryPaths.Resolve(null, "workflows", AppContext.BaseDirectory),
        ["Email:Mode"] = "Smtp",
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Email:Smtp:UseStartTls"] = "false",
        ["Email:PollSeconds"] = "1",
        ["Email:RetryBaseSeconds"] = "1",
        ["Workflow:TimerPollSeconds"] = "1",
    };

    private static GrantsDbContext Database(string connectionString)
    {
        var options = new DbContextOptionsBuilder<GrantsDbContext>();
        GrantsDatabase.Configure(options, DatabaseProvider.Postgres, connectionString);
        return new GrantsDbContext(options.Options);
    }

    private static HttpClient Client(ConcurrentDictionary<string, string> cookies, FailoverHandler nodes) =>
        new(new CookieJarHandler(cookies, nodes), disposeHandler: true) { BaseAddress = new Uri("http://grants.invalid/"), Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>
    /// Replaces up to <see cref="TimersToFire"/> pending timers (one per case) with copies due within the next half
    /// minute, as if their dates had come; the nodes' materialisers schedule the copies and drop the originals' triggers.
    /// </summary>
    private static async Task<List<long>> MakeTimersDueAsync(GrantsDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        var pending = await db.WorkflowTimers.Where(t => t.Status == WorkflowTimerStatus.Pending).ToListAsync();
        var chosen = pending.GroupBy(t => (t.CaseKind, t.CaseId)).Select(g => g.OrderBy(t => t.DueAt).First()).Take(TimersToFire).ToList();
        Assert.NotEmpty(chosen);
        var copies = chosen.Select((t, i) =>
        {
            t.Status = WorkflowTimerStatus.Cancelled;
            t.ClosedAt = now;
            return new WorkflowTimer
            {
                CaseKind = t.CaseKind, CaseId = t.CaseId, DefinitionId = t.DefinitionId, DefinitionVersion = t.DefinitionVersion,
                State = t.State, Trigger = t.Trigger, DueAt = now.AddSeconds(5 + (3 * i)), CreatedAt = now,
            };
        }).ToList();
        db.WorkflowTimers.AddRange(copies);
        await db.SaveChangesAsync();
        return copies.Select(t => t.Id).ToList();
    }

    /// <summary>The short-form journey through <paramref name="client"/>'s node: start, three sections, review, submit, receipt.</summary>
    private static async Task<(int Id, string Reference)> SubmitAsync(HttpClient client, int organisationId, int n)
    {
        var started = await client.PostFormAsync("/applicant/apply/SMALL-CURRENT", "start", ("OrganisationId", organisationId.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var id = PortalClient.ApplicationIdFrom(started.Headers.Location);
        var app = $"/applicant/applications/{id}";
        var project = await client.PostFormAsync($"{app}/project", "project", ("Input.ProjectTitle", $"Night-time safety {n}"),
            ("Input.Summary", "Volunteers on the streets on Friday and Saturday nights."), ("Input.AmountRequested", "450"), ("Intent", "continue"));
        Assert.Equal(HttpStatusCode.Redirect, project.StatusCode);
        await client.CompleteShortFormAsync(app);
        var (key, token) = await client.ReviewFormAsync(app);
        var submitted = await client.PostSubmitAsync(app, key, token);
        Assert.Equal($"{app}/receipt", GrantsWebFactory.LocalPath(submitted.Headers.Location!));
        var receipt = await client.GetStringAsync(new Uri($"{app}/receipt", UriKind.Relative));
        return (id, Regex.Match(receipt, "id=\"reference\">([^<]+)<").Groups[1].Value);
    }
}
