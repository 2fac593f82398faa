using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Retention;

/// <summary>
/// Approving a report: the approver is recorded, then each record the report listed for purging is purged in its own
/// transaction (documents deleted, personal fields anonymised, one audit row saying what was done), never any record
/// the report did not list. A record put under legal hold, or needed by an award that is no longer closed, since the
/// report was made is skipped and the skip audited. An interrupted approval can be approved again: it carries on with
/// the records not yet done.
/// </summary>
public sealed partial class RetentionService
{
    public const string ApprovedAction = "Retention.ReportApproved";
    public const string PurgedAction = "Retention.Purged";
    public const string SkippedAction = "Retention.Skipped";
    public const string PerformedAction = "Retention.ReportPerformed";

    public async Task<FeatureResult<RetentionApproval>> ApproveAsync(int runId, Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.IsInRole(Roles.Administrator))
        {
            return FeatureResult<RetentionApproval>.Fail(new NotAllowed("approve retention reports"));
        }
        var approved = await factory.InTransactionAsync(async db =>
        {
            var run = await db.Set<RetentionRun>().FirstOrDefaultAsync(r => r.Id == runId, ct);
            if (run is null)
            {
                return FeatureResult<bool>.Fail(new NotFound("retention report"));
            }
            if (run.Status != RetentionRunStatus.Proposed)
            {
                return FeatureResult<bool>.Fail(new NoLongerPossible("report", "approved", run.Status == RetentionRunStatus.Performed
                    ? $"{run.ApprovedByName} approved it already." : "a newer report replaced it. Approve the latest report."));
            }
            if (run.ApprovedAt is null)
            {
                (run.ApprovedAt, run.ApprovedByUserId, run.ApprovedByName) = (clock.GetUtcNow(), admin.UserId, admin.DisplayName);
                var purge = await db.Set<RetentionRunItem>().CountAsync(i => i.RunId == runId && i.Kind == RetentionItemKind.Purge, ct);
                await audit.AppendAsync(db, admin, ApprovedAction, nameof(RetentionRun), Id(runId), null, new { purge, madeBy = run.CreatedByName }, ct);
            }
            return FeatureResult<bool>.Ok(true);
        }, ct);
        if (!approved.Succeeded)
        {
            return new FeatureResult<RetentionApproval>(default, approved.Errors) { Failure = approved.Failure };
        }
        List<int> pending;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            pending = await db.Set<RetentionRunItem>().Where(i => i.RunId == runId && i.Kind == RetentionItemKind.Purge && i.Outcome == RetentionOutcome.Pending)
                .OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        }
        var (purged, skipped, documents) = (0, 0, 0);
        foreach (var itemId in pending)
        {
            var (outcome, deleted) = await PurgeItemAsync(runId, itemId, admin, ct);
            purged += outcome == RetentionOutcome.Done ? 1 : 0;
            skipped += outcome == RetentionOutcome.Skipped ? 1 : 0;
            documents += deleted;
        }
        await factory.InTransactionAsync(async db =>
        {
            var run = await db.Set<RetentionRun>().FirstAsync(r => r.Id == runId, ct);
            if (run.Status == RetentionRunStatus.Proposed)
            {
                run.Status = RetentionRunStatus.Performed;
                await audit.AppendAsync(db, admin, PerformedAction, nameof(RetentionRun), Id(runId), null, new { purged, skipped, documentsDeleted = documents }, ct);
            }
            return FeatureResult<bool>.Ok(true);
        }, ct);
        return FeatureResult<RetentionApproval>.Ok(new RetentionApproval(runId, purged, skipped, documents));
    }

    /// <summary>One record in one transaction; the files go once the transaction has committed (a crash in between leaves an orphan file, never a row without its file).</summary>
    private async Task<(RetentionOutcome? Outcome, int Documents)> PurgeItemAsync(int runId, int itemId, Actor admin, CancellationToken ct)
    {
        var files = new List<string>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var item = await db.Set<RetentionRunItem>().FirstAsync(i => i.Id == itemId, ct);
        if (item.Outcome != RetentionOutcome.Pending)
        {
            return (null, 0);
        }
        var keep = await ReasonToKeepAsync(db, item, ct);
        if (keep is not null)
        {
            (item.Outcome, item.OutcomeNote) = (RetentionOutcome.Skipped, keep);
            await audit.AppendAsync(db, admin, SkippedAction, item.CaseKind.ToString(), item.Reference, null, new { run = runId, reason = keep }, ct);
        }
        else
        {
            var cleared = item.CaseKind == CaseKind.Award
                ? await AnonymiseAwardAsync(db, item.CaseId, files, ct)
                : await AnonymiseApplicationAsync(db, item.CaseId, files, ct);
            (item.Outcome, item.OutcomeNote) = (RetentionOutcome.Done,
                $"{Documents(files.Count)} deleted; anonymised: {string.Join(", ", cleared)}.");
            await audit.AppendAsync(db, admin, PurgedAction, item.CaseKind.ToString(), item.Reference, null, new
            {
                run = runId, policy = item.Policy, since = item.Since, documentsDeleted = files.Count, anonymised = cleared,
            }, ct);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var stored in files)
        {
            File.Delete(Path.Combine(attachments.Folder, stored));
        }
        return (item.Outcome, files.Count);
    }

    private static async Task<string?> ReasonToKeepAsync(GrantsDbContext db, RetentionRunItem item, CancellationToken ct)
    {
        if ((await HeldCasesAsync(db, ct)).Contains((item.CaseKind, item.CaseId)))
        {
            return "Put under legal hold after the report was made: kept.";
        }
        if (item.CaseKind == CaseKind.Award)
        {
            var state = await db.Awards.Where(a => a.Id == item.CaseId).Select(a => a.State).FirstAsync(ct);
            return AwardStates.Finished.Contains(state) ? null : $"The award is {state}, no longer closed: kept.";
        }
        var live = await db.Awards.Where(a => a.ApplicationId == item.CaseId && !AwardStates.Finished.Contains(a.State)).Select(a => a.AwardReference).FirstOrDefaultAsync(ct);
        return live is null ? null : $"Award {live} is not closed and needs it: kept.";
    }

    private static async Task<List<string>> AnonymiseApplicationAsync(GrantsDbContext db, int applicationId, List<string> files, CancellationToken ct)
    {
        var application = await db.Applications.FirstAsync(a => a.Id == applicationId, ct);
        var documents = await db.Attachments.Where(a => a.ApplicationId == applicationId).ToListAsync(ct);
        files.AddRange(documents.Select(d => d.StoredName));
        db.Attachments.RemoveRange(documents);
        (application.Summary, application.Beneficiaries, application.CreatedByUserId) = (null, null, null);
        application.ForgetStartedBy();
        return ["applicant's name", "summary", "beneficiaries"];
    }

    private static async Task<List<string>> AnonymiseAwardAsync(GrantsDbContext db, int awardId, List<string> files, CancellationToken ct)
    {
        var award = await db.Awards.Include(a => a.Returns).FirstAsync(a => a.Id == awardId, ct);
        (award.LeadContactName, award.LeadContactEmail) = (null, null);
        var returnIds = award.Returns.Select(r => r.Id).ToList();
        var evidence = await db.Attachments.Where(a => a.MonitoringReturnId != null && returnIds.Contains(a.MonitoringReturnId.Value)).ToListAsync(ct);
        files.AddRange(evidence.Select(d => d.StoredName));
        db.Attachments.RemoveRange(evidence);
        foreach (var r in award.Returns)
        {
            (r.SignedOffByName, r.SignedOffByUserId, r.SubmittedByUserId, r.DraftSavedByName, r.CaseStudy) = (null, null, null, null, null);
            r.ForgetStartedBy();
        }
        award.ForgetStartedBy();
        List<string> cleared = ["lead contact", "return sign-offs and case studies"];
        if (award.ApplicationId is { } applicationId)
        {
            cleared.AddRange((await AnonymiseApplicationAsync(db, applicationId, files, ct)).Select(f => "application's " + f));
        }
        return cleared;
    }
}
