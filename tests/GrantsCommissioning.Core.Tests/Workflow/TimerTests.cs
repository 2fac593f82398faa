using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Timers;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace GrantsCommissioning.Core.Tests.Workflow;

/// <summary>Real Quartz (ADO job store on a SQLite file) driving durable timer rows.</summary>
public sealed class TimerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Timer_WhenScheduledInRolledBackTransaction_DoesNotExistInDatabaseOrQuartz()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var officer = await data.UserAsync("Gina", Roles.GrantsOfficer);
        var ret = await data.ReturnAsync(ReturnStates.Scheduled, new DateOnly(2030, 6, 30), new DateOnly(2030, 7, 31), DateTimeOffset.UtcNow);
        await host.StartSchedulerAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Workflow.FireAsync(
            new TransitionRequest(CaseRef.Of(ret), ReturnTriggers.Open, officer, "open-rolled-back")
            {
                Payload = new InjectedWrite(_ => throw new InvalidOperationException("rolled back")),
            }));
        await host.Services.GetRequiredService<TimerMaterialiser>().RunAsync(scheduler);

        using var db = host.Db();
        var timers = await db.WorkflowTimers.Where(t => t.CaseKind == CaseKind.MonitoringReturn && t.CaseId == ret.Id).ToListAsync();
        var onlyOpen = Assert.Single(timers);
        Assert.Equal((ReturnStates.Scheduled, ReturnTriggers.Open), (onlyOpen.State, onlyOpen.Trigger));
        var maxId = await db.WorkflowTimers.MaxAsync(t => t.Id);
        for (var id = 1L; id <= maxId + 5; id++)
        {
            var row = await db.WorkflowTimers.FirstOrDefaultAsync(t => t.Id == id);
            Assert.Equal(row is { Status: WorkflowTimerStatus.Pending }, await scheduler.Exists(WorkflowJobKeys.ForTimer(id)));
        }
    }

    [Fact]
    public async Task Timer_WhenDueWhileAppWasDown_FiresOnceAfterRestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gc-wf-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            int returnId;
            long timerId;
            DateTimeOffset dueAt;
            await using (var first = await WorkflowTestHost.CreateAsync(folder))
            {
                var data = new WorkflowTestData(first);
                await data.UserAsync("Gina", Roles.GrantsOfficer);
                var enteredAt = DateTimeOffset.UtcNow - TimeSpan.FromDays(14) + TimeSpan.FromSeconds(4);
                var ret = await data.ReturnAsync(ReturnStates.Overdue, new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 31), enteredAt,
                    shape: r => r.EscalateAt = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(25));
                returnId = ret.Id;
                await first.StartSchedulerAsync();
                Assert.True(await WorkflowTestHost.EventuallyAsync(async () =>
                {
                    using var db = first.Db();
                    return await db.WorkflowTimers.AnyAsync(t => t.CaseId == returnId && t.CaseKind == CaseKind.MonitoringReturn && t.InScheduler);
                }, Patience), "the timer was never handed to Quartz");
                using (var db = first.Db())
                {
                    var timer = await db.WorkflowTimers.SingleAsync(t => t.CaseId == returnId && t.CaseKind == CaseKind.MonitoringReturn && t.Status == WorkflowTimerStatus.Pending);
                    (timerId, dueAt) = (timer.Id, timer.DueAt);
                }
                await first.StopAsync();
            }
            Assert.True(dueAt > DateTimeOffset.UtcNow, "the app went down before the timer was due");
            await Task.Delay(dueAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
            Assert.Equal(0L, EscalationsInFile(folder, returnId));

            await using var second = await WorkflowTestHost.CreateAsync(folder);
            await second.StartSchedulerAsync();
            Assert.True(await WorkflowTestHost.EventuallyAsync(async () =>
            {
                using var db = second.Db();
                return await EscalationsAsync(db, returnId) > 0;
            }, Patience), "the timer did not fire after restart");
            await Task.Delay(TimeSpan.FromSeconds(3));

            using var check = second.Db();
            Assert.Equal(1, await EscalationsAsync(check, returnId));
            var fired = await check.WorkflowTimers.SingleAsync(t => t.Id == timerId);
            Assert.Equal(WorkflowTimerStatus.Fired, fired.Status);
            var entry = await check.WorkflowJournal.SingleAsync(j => j.IdempotencyKey == $"timer:{timerId}");
            Assert.Equal((Actor.SystemUserId, ReturnStates.Overdue), (entry.ActorUserId, entry.ToState));
            Assert.Contains(await check.Outbox.ToListAsync(), e => e.Template == "return-overdue-escalation" && e.DedupeKey.StartsWith($"wf:timer:{timerId}:", StringComparison.Ordinal));
        }
        finally
        {
            WorkflowTestHost.DeleteDataFolder(folder);
        }
    }

    [Fact]
    public async Task TimerFirer_WhenCaseHasMovedOn_DoesNothing()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var applicant = await data.UserAsync("Ann", Roles.Applicant);
        var ret = await data.ReturnAsync(ReturnStates.Due, new DateOnly(2030, 6, 30), new DateOnly(2030, 7, 31), DateTimeOffset.UtcNow, applicant);
        long overdueTimer;
        using (var db = host.Db())
        {
            overdueTimer = (await db.WorkflowTimers.SingleAsync(t => t.CaseId == ret.Id && t.CaseKind == CaseKind.MonitoringReturn && t.Trigger == ReturnTriggers.MarkOverdue)).Id;
        }
        var submitted = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(ret), ReturnTriggers.Submit, applicant, Guid.NewGuid().ToString())
        {
            Payload = new ReturnSubmission(ret.Id, new Dictionary<int, Money>(), new Dictionary<int, double>(), "Volunteers out every weekend."),
        });

        var result = await host.Services.GetRequiredService<TimerFirer>().FireAsync(overdueTimer);

        Assert.True(submitted.Succeeded, submitted.Message);
        Assert.Null(result);
        using var check = host.Db();
        Assert.Equal(ReturnStates.Submitted, (await check.Returns.SingleAsync(r => r.Id == ret.Id)).State);
        Assert.Equal(WorkflowTimerStatus.Cancelled, (await check.WorkflowTimers.SingleAsync(t => t.Id == overdueTimer)).Status);
        Assert.DoesNotContain(await check.WorkflowJournal.Where(j => j.CaseId == ret.Id && j.CaseKind == CaseKind.MonitoringReturn).ToListAsync(), j => j.Trigger == ReturnTriggers.MarkOverdue);
    }

    [Fact]
    public async Task TimerFirer_WhenFiredTwice_ActsOnce()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var ret = await data.ReturnAsync(ReturnStates.Due, new DateOnly(2030, 6, 30), new DateOnly(2030, 7, 31), DateTimeOffset.UtcNow);
        long remind;
        using (var db = host.Db())
        {
            remind = (await db.WorkflowTimers.FirstAsync(t => t.CaseId == ret.Id && t.CaseKind == CaseKind.MonitoringReturn && t.Trigger == ReturnTriggers.Remind)).Id;
        }
        var firer = host.Services.GetRequiredService<TimerFirer>();

        var first = await firer.FireAsync(remind);
        var second = await firer.FireAsync(remind);

        Assert.True(first!.Succeeded, first.Message);
        Assert.Null(second);
        using var check = host.Db();
        Assert.Single(await check.WorkflowJournal.Where(j => j.CaseId == ret.Id && j.CaseKind == CaseKind.MonitoringReturn && j.Trigger == ReturnTriggers.Remind).ToListAsync());
        // Left pending: the overdue notice (monitoring-return v2 sends one reminder).
        Assert.Equal(1, await check.WorkflowTimers.CountAsync(t => t.CaseId == ret.Id && t.CaseKind == CaseKind.MonitoringReturn && t.Status == WorkflowTimerStatus.Pending));
    }

    [Fact]
    public async Task StartedCases_WhenCaseStartedAndSaved_JournalsStartAndSchedulesInitialTimers()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var award = await data.AwardAsync();
        using (var db = host.Db())
        {
            var payment = new Payment { PaymentReference = $"PAY-S-{WorkflowTestData.Next()}", AwardId = award.Id, DueDate = new DateOnly(2030, 3, 1), AmountPence = 1000 };
            host.Workflow.Start(payment, Actor.System);
            db.Payments.Add(payment);
            await db.SaveChangesAsync();
        }

        var count = await host.Services.GetRequiredService<StartedCases>().JournalAsync();
        var again = await host.Services.GetRequiredService<StartedCases>().JournalAsync();

        Assert.True(count >= 1);
        Assert.Equal(0, again);
        using var check = host.Db();
        var timer = await check.WorkflowTimers.SingleAsync(t => t.CaseKind == CaseKind.Payment);
        Assert.Equal((PaymentStates.Scheduled, PaymentTriggers.MakeReady), (timer.State, timer.Trigger));
        Assert.Equal(new DateTimeOffset(2030, 2, 15, 0, 0, 0, TimeSpan.Zero), timer.DueAt.ToUniversalTime());
    }

    [Fact]
    public async Task FireAsync_WhenCaseHasNoStartRowYet_WritesStartThenTheTransition()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var applicant = await data.UserAsync("Ann", Roles.Applicant);
        var app = await data.ApplicationAsync(ApplicationStates.Draft, applicant: applicant);

        var submitted = await host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(app), ApplicationTriggers.Submit, applicant, Guid.NewGuid().ToString()));
        var journalled = await host.Services.GetRequiredService<StartedCases>().JournalAsync();

        Assert.True(submitted.Succeeded, submitted.Message);
        Assert.Equal(0, journalled);
        using var check = host.Db();
        var journal = await check.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && j.CaseId == app.Id).OrderBy(j => j.Sequence)
            .Select(j => new { j.Sequence, j.Trigger }).ToListAsync();
        Assert.Equal([(1, StartedCases.StartTrigger), (2, ApplicationTriggers.Submit)], journal.Select(j => (j.Sequence, j.Trigger)));
    }

    [Fact]
    public async Task StartedCases_WhenSubmissionsSurgeWhileItRuns_EveryJournalStartsWithStartAndNothingFails()
    {
        await using var host = await WorkflowTestHost.CreateAsync();
        var data = new WorkflowTestData(host);
        var applicant = await data.UserAsync("Ann", Roles.Applicant);
        var apps = new List<GrantApplication>();
        for (var i = 0; i < 24; i++)
        {
            apps.Add(await data.ApplicationAsync(ApplicationStates.Draft, applicant: applicant));
        }
        var started = host.Services.GetRequiredService<StartedCases>();

        var submits = apps.Select(a => Task.Run(() => host.Workflow.FireAsync(
            new TransitionRequest(CaseRef.Of(a), ApplicationTriggers.Submit, applicant, Guid.NewGuid().ToString())))).ToList();
        var sweeps = Enumerable.Range(0, 3).Select(_ => Task.Run(() => started.JournalAsync())).ToList();
        var results = await Task.WhenAll(submits);
        await Task.WhenAll(sweeps);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        using var check = host.Db();
        var ids = apps.Select(a => a.Id).ToList();
        var journal = await check.WorkflowJournal.Where(j => j.CaseKind == CaseKind.Application && ids.Contains(j.CaseId))
            .Select(j => new { j.CaseId, j.Sequence, j.Trigger }).ToListAsync();
        Assert.All(apps, a => Assert.Equal([(1, StartedCases.StartTrigger), (2, ApplicationTriggers.Submit)],
            journal.Where(j => j.CaseId == a.Id).OrderBy(j => j.Sequence).Select(j => (j.Sequence, j.Trigger))));
    }

    /// <summary>Reads the database directly, with no app running: the SQLite file in the folder, or the folder's PostgreSQL database.</summary>
    private static long EscalationsInFile(string folder, int returnId)
    {
        using System.Data.Common.DbConnection connection = TestDatabaseProvider.IsPostgres
            ? new Npgsql.NpgsqlConnection(TestDatabaseProvider.PostgresConnectionString(folder))
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "grants.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"WorkflowJournal\" WHERE \"CaseKind\" = @kind AND \"CaseId\" = @id AND \"Trigger\" = 'Escalate'";
        foreach (var (name, value) in new[] { ("kind", (int)CaseKind.MonitoringReturn), ("id", returnId) })
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<int> EscalationsAsync(Core.Data.GrantsDbContext db, int returnId) =>
        db.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.MonitoringReturn && j.CaseId == returnId && j.Trigger == ReturnTriggers.Escalate);
}
