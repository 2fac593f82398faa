using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Retention;

/// <summary>The dry run: which records are past their policy, and which of those are kept (legal hold, or a live award needs them).</summary>
public sealed partial class RetentionService
{
    public const string ReportMadeAction = "Retention.ReportMade";

    private static readonly string[] UnsuccessfulStates = [ApplicationStates.Rejected, ApplicationStates.OfferDeclined];
    private static readonly string[] WithdrawnStates = [ApplicationStates.Withdrawn];

    /// <summary>Makes a dry-run report (nothing is removed) and replaces any earlier report still waiting for approval.</summary>
    public async Task<FeatureResult<RetentionRunSummary>> CreateReportAsync(Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.IsInRole(Roles.Administrator) && !admin.IsSystem)
        {
            return FeatureResult<RetentionRunSummary>.Fail(new NotAllowed("make retention reports"));
        }
        var policies = await PoliciesAsync(ct);
        var today = Today;
        return await factory.InTransactionAsync(async db =>
        {
            var items = await SelectAsync(db, policies, today, ct);
            foreach (var waiting in await db.Set<RetentionRun>().Where(r => r.Status == RetentionRunStatus.Proposed && r.ApprovedAt == null).ToListAsync(ct))
            {
                waiting.Status = RetentionRunStatus.Superseded;
            }
            var run = new RetentionRun { CreatedAt = clock.GetUtcNow(), CreatedByName = admin.DisplayName, Items = items };
            db.Add(run);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, admin, ReportMadeAction, nameof(RetentionRun), Id(run.Id), null, new
            {
                purge = items.Count(i => i.Kind == RetentionItemKind.Purge),
                kept = items.Count(i => i.Kind == RetentionItemKind.Kept),
                policies = policies.Select(p => $"{p.Title}: {p.Describe}").ToList(),
            }, ct);
            return FeatureResult<RetentionRunSummary>.Ok(Summarise(run, items));
        }, ct);
    }

    /// <summary>The newest report, or null when none has been made.</summary>
    public async Task<RetentionRunSummary?> LatestRunAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var id = await db.Set<RetentionRun>().OrderByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        return id is { } runId ? await RunAsync(db, runId, ct) : null;
    }

    public async Task<RetentionRunSummary?> RunAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await RunAsync(db, id, ct);
    }

    /// <summary>A page of a report's records: those to purge first, then those kept, each by record type and age.</summary>
    public async Task<RetentionItemPage> ItemsAsync(int runId, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var items = db.Set<RetentionRunItem>().AsNoTracking().Where(i => i.RunId == runId);
        var total = await items.CountAsync(ct);
        var rows = await Ordered(items).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
        return new RetentionItemPage(rows.Select(Row).ToList(), total);
    }

    /// <summary>Every record of a report, in the page's order (the CSV export).</summary>
    public async Task<IReadOnlyList<RetentionItemRow>> AllItemsAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await Ordered(db.Set<RetentionRunItem>().AsNoTracking().Where(i => i.RunId == runId)).ToListAsync(ct);
        return rows.Select(Row).ToList();
    }

    private static IQueryable<RetentionRunItem> Ordered(IQueryable<RetentionRunItem> items) =>
        items.OrderBy(i => i.Kind).ThenBy(i => i.RecordType).ThenBy(i => i.DueOn).ThenBy(i => i.Id);

    private static RetentionItemRow Row(RetentionRunItem i) =>
        new(i.Id, i.RecordType, i.CaseKind, i.Reference, i.Kind, i.Since, i.DueOn, i.Policy, i.Action, i.Outcome, i.OutcomeNote);

    private static async Task<RetentionRunSummary?> RunAsync(GrantsDbContext db, int id, CancellationToken ct)
    {
        var run = await db.Set<RetentionRun>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (run is null)
        {
            return null;
        }
        var items = await db.Set<RetentionRunItem>().AsNoTracking().Where(i => i.RunId == id).ToListAsync(ct);
        return Summarise(run, items);
    }

    private static RetentionRunSummary Summarise(RetentionRun run, IReadOnlyList<RetentionRunItem> items) => new(
        run.Id, run.CreatedAt, run.CreatedByName, run.Status, run.ApprovedAt, run.ApprovedByName,
        items.Count(i => i.Kind == RetentionItemKind.Purge), items.Count(i => i.Kind == RetentionItemKind.Kept),
        items.Count(i => i.Outcome == RetentionOutcome.Done), items.Count(i => i.Outcome == RetentionOutcome.Skipped),
        RetentionDefaults.Policies.Select(p => new RetentionTypeCount(p.RecordType, p.Title,
            items.Count(i => i.RecordType == p.RecordType && i.Kind == RetentionItemKind.Purge),
            items.Count(i => i.RecordType == p.RecordType && i.Kind == RetentionItemKind.Kept))).ToList());

    private static async Task<List<RetentionRunItem>> SelectAsync(GrantsDbContext db, IReadOnlyList<RetentionPolicyRow> policies, DateOnly today,
        CancellationToken ct)
    {
        var purged = (await db.Set<RetentionRunItem>().AsNoTracking().Where(i => i.Outcome == RetentionOutcome.Done)
            .Select(i => new { i.CaseKind, i.CaseId }).ToListAsync(ct)).Select(i => (i.CaseKind, i.CaseId)).ToHashSet();
        var held = await HeldCasesAsync(db, ct);
        var items = new List<RetentionRunItem>();
        foreach (var policy in policies)
        {
            var candidates = policy.RecordType switch
            {
                RetentionRecordType.UnsuccessfulApplication => await ApplicationCandidatesAsync(db, UnsuccessfulStates, ct),
                RetentionRecordType.WithdrawnApplication => await ApplicationCandidatesAsync(db, WithdrawnStates, ct),
                RetentionRecordType.ClosedAward => await AwardCandidatesAsync(db, ct),
            };
            var text = $"{policy.Title}: {policy.Describe} from {policy.ClockStarts}";
            foreach (var c in candidates.Where(c => !purged.Contains((c.Kind, c.Id))))
            {
                var start = UkTime.ToUkDate(c.Since);
                var dueOn = policy.Unit == RetentionUnit.Years ? start.AddYears(policy.Period) : start.AddMonths(policy.Period);
                if (dueOn > today)
                {
                    continue;
                }
                var keep = held.Contains((c.Kind, c.Id)) ? "Kept: under legal hold."
                    : c.LiveAward is { } award ? $"Kept: award {award} is not closed and needs it."
                    : null;
                items.Add(new RetentionRunItem
                {
                    RecordType = policy.RecordType, CaseKind = c.Kind, CaseId = c.Id, Reference = c.Reference, Since = c.Since, DueOn = dueOn, Policy = text,
                    Kind = keep is null ? RetentionItemKind.Purge : RetentionItemKind.Kept, Action = keep ?? c.Action,
                });
            }
        }
        return items;
    }

    private sealed record Candidate(CaseKind Kind, int Id, string Reference, DateTimeOffset Since, string Action, string? LiveAward);

    private static async Task<List<Candidate>> ApplicationCandidatesAsync(GrantsDbContext db, string[] states, CancellationToken ct)
    {
        var apps = await db.Applications.AsNoTracking().Where(a => states.Contains(a.State)).Select(a => new { a.Id, a.ApplicationReference }).ToListAsync(ct);
        var ids = apps.Select(a => a.Id).ToList();
        var since = await LastChangeAsync(db, CaseKind.Application, ids, ct);
        foreach (var d in await db.Decisions.AsNoTracking().Where(d => ids.Contains(d.ApplicationId)).Select(d => new { d.ApplicationId, d.DecidedAt }).ToListAsync(ct))
        {
            since[d.ApplicationId] = since.TryGetValue(d.ApplicationId, out var at) && at > d.DecidedAt ? at : d.DecidedAt;
        }
        var documents = await DocumentCountsAsync(db, ids, ct);
        var live = (await db.Awards.AsNoTracking().Where(a => a.ApplicationId != null && ids.Contains(a.ApplicationId.Value) && !AwardStates.Finished.Contains(a.State))
            .Select(a => new { ApplicationId = a.ApplicationId!.Value, a.AwardReference }).ToListAsync(ct))
            .GroupBy(a => a.ApplicationId).ToDictionary(g => g.Key, g => g.First().AwardReference);
        return apps.Where(a => since.ContainsKey(a.Id)).Select(a => new Candidate(CaseKind.Application, a.Id, a.ApplicationReference, since[a.Id],
            $"delete {Documents(documents.GetValueOrDefault(a.Id))}; anonymise the applicant's name, summary and beneficiaries.",
            live.GetValueOrDefault(a.Id))).ToList();
    }

    private static async Task<List<Candidate>> AwardCandidatesAsync(GrantsDbContext db, CancellationToken ct)
    {
        var awards = await db.Awards.AsNoTracking().Where(a => AwardStates.Finished.Contains(a.State))
            .Select(a => new { a.Id, a.AwardReference, a.ApplicationId, Returns = a.Returns.Count }).ToListAsync(ct);
        var ids = awards.Select(a => a.Id).ToList();
        var since = await LastChangeAsync(db, CaseKind.Award, ids, ct);
        var returnDocuments = (await db.Attachments.AsNoTracking().Where(x => x.MonitoringReturnId != null)
            .Join(db.Returns.Where(r => ids.Contains(r.AwardId)), x => x.MonitoringReturnId, r => r.Id, (x, r) => r.AwardId).ToListAsync(ct))
            .GroupBy(a => a).ToDictionary(g => g.Key, g => g.Count());
        var applicationDocuments = await DocumentCountsAsync(db, awards.Where(a => a.ApplicationId != null).Select(a => a.ApplicationId!.Value).ToList(), ct);
        return awards.Where(a => since.ContainsKey(a.Id)).Select(a => new Candidate(CaseKind.Award, a.Id, a.AwardReference, since[a.Id],
            $"delete {Documents(returnDocuments.GetValueOrDefault(a.Id) + (a.ApplicationId is { } app ? applicationDocuments.GetValueOrDefault(app) : 0))}; "
            + $"anonymise the lead contact, the sign-offs and case studies of {a.Returns} return{(a.Returns == 1 ? "" : "s")} and the application's applicant details. Amounts and payments stay.",
            null)).ToList();
    }

    private static string Documents(int n) => n == 1 ? "1 document" : $"{n} documents";

    /// <summary>When each case last changed state (the journal), which for a finished case is when it finished.</summary>
    private static async Task<Dictionary<int, DateTimeOffset>> LastChangeAsync(GrantsDbContext db, CaseKind kind, List<int> ids, CancellationToken ct) =>
        (await db.WorkflowJournal.AsNoTracking().Where(j => j.CaseKind == kind && ids.Contains(j.CaseId)).Select(j => new { j.CaseId, j.OccurredAt }).ToListAsync(ct))
            .GroupBy(j => j.CaseId).ToDictionary(g => g.Key, g => g.Max(j => j.OccurredAt));

    private static async Task<Dictionary<int, int>> DocumentCountsAsync(GrantsDbContext db, List<int> applicationIds, CancellationToken ct) =>
        (await db.Attachments.AsNoTracking().Where(x => x.ApplicationId != null && applicationIds.Contains(x.ApplicationId.Value)).Select(x => x.ApplicationId!.Value)
            .ToListAsync(ct)).GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The cases under a standing hold, with the award or application linked to each (a hold keeps the whole case).</summary>
    private static async Task<HashSet<(CaseKind, int)>> HeldCasesAsync(GrantsDbContext db, CancellationToken ct)
    {
        var holds = await db.Set<LegalHold>().AsNoTracking().Where(h => h.LiftedAt == null).Select(h => new { h.CaseKind, h.CaseId }).ToListAsync(ct);
        var held = holds.Select(h => (h.CaseKind, h.CaseId)).ToHashSet();
        var apps = holds.Where(h => h.CaseKind == CaseKind.Application).Select(h => h.CaseId).ToList();
        var awards = holds.Where(h => h.CaseKind == CaseKind.Award).Select(h => h.CaseId).ToList();
        var linked = await db.Awards.AsNoTracking().Where(a => (a.ApplicationId != null && apps.Contains(a.ApplicationId.Value)) || awards.Contains(a.Id))
            .Select(a => new { a.Id, a.ApplicationId }).ToListAsync(ct);
        foreach (var a in linked)
        {
            held.Add((CaseKind.Award, a.Id));
            if (a.ApplicationId is { } app)
            {
                held.Add((CaseKind.Application, app));
            }
        }
        return held;
    }

    private static string Id(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
