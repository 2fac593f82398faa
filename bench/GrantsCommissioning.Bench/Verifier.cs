using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Bench;

/// <summary>What the database holds after the run, checked against what the clients were shown.</summary>
internal sealed record Verification(
    int ReceiptsShown,
    int LostSubmissions,
    int DuplicatedSubmissions,
    int MissingReceiptEmails,
    int DuplicatedReceiptEmails,
    int SubmittedWithoutReceiptShown,
    int SubmittedNotAttempted,
    string IntegrityCheck,
    IReadOnlyList<string> Problems)
{
    /// <summary>Receipts shown whose submission is not in the database as one Submitted application with its journal row, plus missing receipt emails.</summary>
    public int Lost => LostSubmissions + MissingReceiptEmails;

    /// <summary>Applications submitted more than once (journal) plus receipt emails queued more than once.</summary>
    public int Duplicated => DuplicatedSubmissions + DuplicatedReceiptEmails;
}

internal static partial class Verifier
{
    public static async Task<Verification> CheckAsync(IServiceProvider services, BenchStore store, string database, string roundReference, IReadOnlyList<SubmitOutcome> outcomes)
    {
        var factory = services.GetRequiredService<IDbContextFactory<GrantsDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var apps = await db.Applications.AsNoTracking().Where(a => a.Round!.Reference == roundReference)
            .Select(a => new { a.Id, a.ApplicationReference, a.State, a.SubmittedAt, a.OrganisationId })
            .ToDictionaryAsync(a => a.Id);
        var ids = apps.Keys.ToList();
        var journal = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.CaseKind == CaseKind.Application && j.Trigger == ApplicationTriggers.Submit && ids.Contains(j.CaseId))
            .GroupBy(j => j.CaseId).Select(g => new { CaseId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.CaseId, g => g.Count);
        var members = await db.OrganisationMembers.AsNoTracking().GroupBy(m => m.OrganisationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var emails = (await db.Outbox.AsNoTracking().Where(o => o.Template == "application-submitted").Select(o => o.Subject).ToListAsync())
            .Select(s => SubjectReference().Match(s)).Where(m => m.Success).GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var problems = new List<string>();
        int lost = 0, duplicated = 0, missingEmails = 0, duplicatedEmails = 0, withoutReceipt = 0, notAttempted = 0;
        var byApp = outcomes.ToDictionary(o => o.Applicant.ApplicationId);
        foreach (var (id, app) in apps)
        {
            var outcome = byApp.GetValueOrDefault(id);
            var submits = journal.GetValueOrDefault(id);
            var submitted = app.State == ApplicationStates.Submitted && app.SubmittedAt is not null;
            if (submits > 1)
            {
                duplicated++;
                problems.Add($"{app.ApplicationReference}: {submits} Submit journal rows");
            }
            if (submitted)
            {
                var expected = members.GetValueOrDefault(app.OrganisationId);
                var queued = emails.GetValueOrDefault(app.ApplicationReference);
                if (queued < expected)
                {
                    missingEmails += expected - queued;
                    problems.Add($"{app.ApplicationReference}: {queued} receipt emails in the outbox for {expected} members");
                }
                else if (queued > expected)
                {
                    duplicatedEmails += queued - expected;
                    problems.Add($"{app.ApplicationReference}: {queued} receipt emails in the outbox for {expected} members");
                }
            }
            if (outcome?.Reference is { } shown)
            {
                if (!submitted || submits != 1 || shown != app.ApplicationReference)
                {
                    lost++;
                    problems.Add($"{app.ApplicationReference}: receipt {shown} shown, but state {app.State}, {submits} Submit journal rows");
                }
            }
            else if (submitted)
            {
                if (outcome is { Attempted: true })
                {
                    withoutReceipt++;
                }
                else
                {
                    notAttempted++;
                    problems.Add($"{app.ApplicationReference}: Submitted although no client submitted it");
                }
            }
        }
        var receipts = outcomes.Count(o => o.Reference is not null);
        var unknown = outcomes.Count(o => o.Reference is not null && !apps.ContainsKey(o.Applicant.ApplicationId));
        lost += unknown;

        return new Verification(receipts, lost, duplicated, missingEmails, duplicatedEmails, withoutReceipt, notAttempted,
            await store.IntegrityCheckAsync(database), problems);
    }

    [GeneratedRegex(@"^Application (\S+) received")]
    private static partial Regex SubjectReference();
}
