using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.TestCommon;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// On PostgreSQL a submission locks only its application: B3 found every writer queued on the one write lock for its whole
/// transaction, so closing day's submissions committed one at a time (about 70 a second). Each test holds a lock from a
/// connection of its own, as another transaction would, and reads <c>pg_locks</c> to see who waits for it: no timings.
/// </summary>
public sealed class PostgresWriteLockTests
{
    /// <summary>Five minutes before noon BST on closing day, 1 July 2013.</summary>
    private static readonly DateTimeOffset BeforeTheClose = new(2013, 7, 1, 10, 55, 0, TimeSpan.Zero);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [PostgresFact]
    public async Task ASubmission_WaitsOnlyForItsOwnApplication_WhileAnotherSubmissionIsInProgress()
    {
        var (test, drafts) = await DraftsAsync(2);
        await using var _ = test;
        var (maryApplicant, mary) = drafts[0];
        var (tomApplicant, tom) = drafts[1];
        var service = test.Get<ApplicationService>();

        // Another submission of Mary's application is in progress: the write lock shared, her application's lock held.
        await using var other = await BeginAsync(test, $"SELECT pg_advisory_xact_lock_shared({WriteLocks.Write}); SELECT pg_advisory_xact_lock({CaseKey(mary).ClassId}, {mary});");

        var toms = await service.TrySubmitAsync(tom, tomApplicant, "tom-1").WaitAsync(Patience);
        var marys = Task.Run(() => service.TrySubmitAsync(mary, maryApplicant, "mary-1"));
        await WaitUntilSomeoneWaitsForAsync(test, CaseKey(mary));
        Assert.False(marys.IsCompleted);
        await other.DisposeAsync();

        Assert.NotNull(toms);
        Assert.NotNull(await marys.WaitAsync(Patience));
        await using var db = test.NewContext();
        Assert.All(await db.Applications.Where(a => a.Id == mary || a.Id == tom).ToListAsync(), a => Assert.Equal(ApplicationStates.Submitted, a.State));
    }

    [PostgresFact]
    public async Task AnyOtherWrite_WaitsForSubmissionsInProgress_AndASubmissionWaitsForIt()
    {
        var (test, drafts) = await DraftsAsync(1);
        await using var _ = test;
        var (applicant, id) = drafts[0];
        var audit = test.Get<AuditTrail>();
        var service = test.Get<ApplicationService>();

        Task access;
        await using (await BeginAsync(test, $"SELECT pg_advisory_xact_lock_shared({WriteLocks.Write});"))
        {
            access = Task.Run(() => audit.RecordAccessAsync(applicant, "BankDetails.Viewed", "Organisation", "1"));
            await WaitUntilSomeoneWaitsForAsync(test, BigintKey(WriteLocks.Write));
            Assert.False(access.IsCompleted);
        }
        await access.WaitAsync(Patience);
        Task<Receipt?> submission;
        await using (await BeginAsync(test, $"SELECT pg_advisory_xact_lock({WriteLocks.Write});"))
        {
            submission = Task.Run(() => service.TrySubmitAsync(id, applicant, "key-1"));
            await WaitUntilSomeoneWaitsForAsync(test, BigintKey(WriteLocks.Write));
            Assert.False(submission.IsCompleted);
        }

        Assert.NotNull(await submission.WaitAsync(Patience));
        await using var db = test.NewContext();
        Assert.Equal(1, await db.AuditLog.CountAsync(a => a.Action == "BankDetails.Viewed"));
    }

    [PostgresFact]
    public async Task SubmissionsOfManyApplicationsAtOnce_AllCommit_AndTheAuditChainStaysOneLine()
    {
        var (test, drafts) = await DraftsAsync(10);
        await using var _ = test;
        var service = test.Get<ApplicationService>();

        // A submission that holds only its case's lock waits for the chain's head before it reads it.
        Task<Receipt?> first;
        await using (await BeginAsync(test, $"SELECT pg_advisory_xact_lock({WriteLocks.AuditHead});"))
        {
            first = Task.Run(() => service.TrySubmitAsync(drafts[0].Id, drafts[0].Applicant, "key-0"));
            await WaitUntilSomeoneWaitsForAsync(test, BigintKey(WriteLocks.AuditHead));
            Assert.False(first.IsCompleted);
        }
        var rest = await Task.WhenAll(drafts.Skip(1).Select(d => Task.Run(() => service.TrySubmitAsync(d.Id, d.Applicant, "key-" + d.Id))));

        Assert.NotNull(await first.WaitAsync(Patience));
        Assert.All(rest, r => Assert.NotNull(r));
        await using var db = test.NewContext();
        Assert.Equal(10, await db.WorkflowJournal.CountAsync(j => j.CaseKind == CaseKind.Application && j.Trigger == ApplicationTriggers.Submit));
        var ids = await db.AuditLog.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => ids[0] + i), ids);
        var verified = await test.Get<AuditVerifier>().VerifyAsync();
        Assert.True(verified.IsIntact, verified.Reason);
    }

    private static async Task<(TestDatabase Test, List<(Actor Applicant, int Id)> Drafts)> DraftsAsync(int count)
    {
        var test = await TestData.WithReferenceDataAsync();
        var drafts = new List<(Actor, int)>();
        for (var i = 1; i <= count; i++)
        {
            var applicant = await TestData.CreateUserAsync(test, $"applicant{i}@example.org", $"Applicant {i}", Roles.Applicant);
            var organisation = await TestData.CreateOrganisationAsync(test, $"Community Group {i}", applicant);
            drafts.Add((applicant, await TestData.CreateDraftApplicationAsync(test, organisation, "CGS-2013-14", Money.FromPounds(10_000m),
                new Dictionary<int, int> { [2] = 60, [4] = 40 }, $"TEST-{i:0000}")));
        }
        test.Clock.SetUtcNow(BeforeTheClose);
        return (test, drafts);
    }

    private sealed record LockKey(long ClassId, long ObjId, int ObjSubId);

    private static LockKey CaseKey(int applicationId) => new(WriteLocks.CaseSpace + (int)CaseKind.Application, applicationId, 2);

    private static LockKey BigintKey(long key) => new(key >>> 32, key & 0xFFFFFFFF, 1);

    /// <summary>Opens a transaction of its own that takes <paramref name="locks"/>; disposing it rolls back and lets them go.</summary>
    private static async Task<NpgsqlConnection> BeginAsync(TestDatabase test, string locks)
    {
        var connection = await OpenAsync(test);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN; " + locks;
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task WaitUntilSomeoneWaitsForAsync(TestDatabase test, LockKey key)
    {
        await using var connection = await OpenAsync(test);
        var waited = await WorkflowTestHost.EventuallyAsync(async () =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                AND classid::bigint = {key.ClassId} AND objid::bigint = {key.ObjId} AND objsubid = {key.ObjSubId}
                """;
            return (long)(await command.ExecuteScalarAsync())! > 0;
        }, Patience);
        Assert.True(waited, "nothing happened within 20 seconds");
    }

    private static async Task<NpgsqlConnection> OpenAsync(TestDatabase test)
    {
        await using var db = test.NewContext();
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        return connection;
    }
}
