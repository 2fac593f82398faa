using System.Globalization;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>Drafting, listing and moving on decision notices; every state change goes through <see cref="ICaseWorkflow.FireAsync"/>.</summary>
public sealed class DecisionNoticeService(
    IDbContextFactory<GrantsDbContext> factory, ICaseWorkflow workflow, IValidator<NoticeDraft> validator, AuditTrail audit, WorkflowLabels labels,
    CaseQueries cases, TimeProvider clock)
{
    public const string ReferencePrefix = "WMPCC";

    public Task<FeatureResult<int>> CreateAsync(NoticeDraft draft, Actor actor, CancellationToken ct = default) =>
        WriteDraftAsync(draft, actor, "draft a decision notice", async db =>
        {
            var now = clock.GetUtcNow();
            var reference = await NextReferenceAsync(db, UkTime.ToUk(now).Year, ct);
            var notice = new DecisionNotice
            {
                NoticeReference = reference, Slug = DecisionNotice.SlugOf(reference), Title = "", CreatedAt = now, UpdatedAt = now,
                ApplicationId = await ApplicationIdAsync(db, draft.ApplicationReference, ct),
            };
            draft.ApplyTo(notice);
            await TickPublicInterestAsync(db, notice, ct);
            workflow.Start(notice, actor);
            db.Add(notice);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, actor, "DecisionNotice.Drafted", nameof(CaseKind.DecisionNotice), notice.Id.ToString(CultureInfo.InvariantCulture),
                null, new { reference, title = notice.Title, amountPence = notice.AmountPence }, ct);
            return FeatureResult<int>.Ok(notice.Id);
        }, ct);

    /// <summary>Saves the draft text; only while the notice is a draft, and not over someone else's change.</summary>
    public Task<FeatureResult<int>> UpdateDraftAsync(int id, NoticeDraft draft, int expectedVersion, Actor actor, CancellationToken ct = default) =>
        WriteDraftAsync(draft, actor, "change a decision notice", async db =>
        {
            var notice = await db.Set<DecisionNotice>().FirstOrDefaultAsync(n => n.Id == id, ct);
            if (notice is null)
            {
                return FeatureResult<int>.Fail(new NotFound("decision notice"));
            }
            if (notice.Version != expectedVersion)
            {
                return FeatureResult<int>.Fail(new ChangedMeanwhile("notice"));
            }
            if (notice.State != DecisionNoticeWorkflow.Draft)
            {
                return FeatureResult<int>.Fail(new NotADraft());
            }
            var before = NoticeDraft.Of(notice, null);
            draft.ApplyTo(notice);
            notice.ApplicationId = await ApplicationIdAsync(db, draft.ApplicationReference, ct);
            await TickPublicInterestAsync(db, notice, ct);
            notice.UpdatedAt = clock.GetUtcNow();
            await audit.AppendAsync(db, actor, "DecisionNotice.DraftChanged", nameof(CaseKind.DecisionNotice), id.ToString(CultureInfo.InvariantCulture),
                before, NoticeDraft.Of(notice, null), ct);
            return FeatureResult<int>.Ok(id);
        }, ct);

    /// <summary>
    /// A drafter's change to the notice text: refused for other roles and for a draft its validator refuses; otherwise
    /// <paramref name="change"/> runs in one transaction, committed with its audit row only when it succeeds.
    /// </summary>
    private async Task<FeatureResult<int>> WriteDraftAsync(NoticeDraft draft, Actor actor, string action,
        Func<GrantsDbContext, Task<FeatureResult<int>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        if (!DecisionNoticeAccess.Drafters.Any(actor.IsInRole))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("a grants officer or the Commissioner", action));
        }
        if (await InvalidAsync(draft, ct) is { } invalid)
        {
            return FeatureResult<int>.Fail(invalid);
        }
        return await factory.InTransactionAsync(change, ct);
    }

    /// <summary>Fires one of the notice's triggers with its payload (advice, signature) or none.</summary>
    public async Task<FeatureResult<int>> FireAsync(int id, string trigger, ITransitionPayload? payload, string? comment, Actor actor, string idempotencyKey,
        int? expectedVersion, CancellationToken ct = default)
    {
        var result = await workflow.FireAsync(new TransitionRequest(new CaseRef(CaseKind.DecisionNotice, id), trigger, actor, idempotencyKey)
        {
            Payload = payload, Comment = comment, ExpectedVersion = expectedVersion,
        }, ct);
        return result.Error == TransitionError.CaseNotFound ? FeatureResult<int>.Fail(new NotFound("decision notice")) : FeatureResult<int>.From(result, id);
    }

    public async Task<NoticePage> ListAsync(string? state, string? search, NoticeSort sort, bool descending, int skip, int take, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var query = db.Set<DecisionNotice>().AsNoTracking();
            if (!string.IsNullOrWhiteSpace(state))
            {
                query = query.Where(n => n.State == state);
            }
            if (!string.IsNullOrWhiteSpace(search))
            {
                // Case-insensitive on every provider (SQLite's LIKE ignores ASCII case, PostgreSQL's does not).
                var s = search.Trim().ToUpperInvariant();
                query = query.Where(n => n.Title.ToUpper().Contains(s) || n.NoticeReference.ToUpper().Contains(s));
            }
            var total = await query.CountAsync(ct);
            var totalPence = await query.SumAsync(n => n.AmountPence ?? 0, ct);
            query = (sort, descending) switch
            {
                (NoticeSort.Reference, false) => query.OrderBy(n => n.NoticeReference),
                (NoticeSort.Reference, true) => query.OrderByDescending(n => n.NoticeReference),
                (NoticeSort.Title, false) => query.OrderBy(n => n.Title),
                (NoticeSort.Title, true) => query.OrderByDescending(n => n.Title),
                (NoticeSort.State, false) => query.OrderBy(n => n.State),
                (NoticeSort.State, true) => query.OrderByDescending(n => n.State),
                (_, false) => query.OrderBy(n => n.UpdatedAt),
                _ => query.OrderByDescending(n => n.UpdatedAt),
            };
            var rows = await query.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
            return new NoticePage(
                rows.Select(n => new NoticeSummary(n.Id, n.NoticeReference, n.Title, n.State, labels.State(CaseKind.DecisionNotice, n.WorkflowVersion, n.State),
                    n.Amount, n.SignatureDate, n.UpdatedAt)).ToList(),
                total, new Money(totalPence));
        }
    }

    /// <summary>The notice for its staff page; null when there is none or the actor does not work on notices (the page answers 404).</summary>
    public async Task<NoticeDetails?> GetAsync(int id, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!DecisionNoticeAccess.Staff.Any(actor.IsInRole))
        {
            return null;
        }
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var n = await db.Set<DecisionNotice>().AsNoTracking().Include(x => x.Application).Include(x => x.Decision)
                .FirstOrDefaultAsync(x => x.Id == id, ct);
            if (n is null)
            {
                return null;
            }
            var header = new CaseHeader(n.Kind, n.Id, n.Reference, n.State, n.Version, DecisionNoticeWorkflow.DefinitionId, n.WorkflowVersion)
            {
                StateLabel = labels.State(n.Kind, n.WorkflowVersion, n.State),
            };
            var decision = n.Decision is { } d ? $"{DecisionTriggers.Describe(d.Outcome)}, {d.Amount}, by {d.DecidedByName}" : null;
            return new NoticeDetails(header, n, n.Application?.ApplicationReference, decision, await cases.HistoryAsync(new CaseRef(n.Kind, n.Id), ct));
        }
    }

    /// <summary>The notice as a Word document (Part 1 only), for staff; null as for <see cref="GetAsync"/>.</summary>
    public async Task<(string FileName, byte[] Content)?> DocumentAsync(int id, Actor actor, CancellationToken ct = default) =>
        await GetAsync(id, actor, ct) is { } details ? (NoticeDocument.FileName(details.Notice), NoticeDocument.Build(details.Notice)) : null;

    private async Task<IReadOnlyDictionary<string, string>?> InvalidAsync(NoticeDraft draft, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(draft, ct);
        var errors = result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);
        if (!errors.ContainsKey(nameof(NoticeDraft.ApplicationReference)) && !string.IsNullOrWhiteSpace(draft.ApplicationReference))
        {
            var db = await factory.CreateDbContextAsync(ct);
            await using (db)
            {
                if (await ApplicationIdAsync(db, draft.ApplicationReference, ct) is null)
                {
                    var unknown = new UnknownApplication(draft.ApplicationReference.Trim());
                    errors[unknown.Field] = Failures.Message(unknown);
                }
            }
        }
        return errors.Count == 0 ? null : errors;
    }

    /// <summary>A notice about an application flagged of significant public interest is one of significant public interest, whatever the box said.</summary>
    private static async Task TickPublicInterestAsync(GrantsDbContext db, DecisionNotice notice, CancellationToken ct) =>
        notice.SignificantPublicInterest |= await FlaggedAsync(db, notice.ApplicationId, ct);

    /// <summary>Whether the application with this reference is flagged of significant public interest, for the drafting form to start ticked.</summary>
    public async Task<bool> PublicInterestAsync(string? applicationReference, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FlaggedAsync(db, await ApplicationIdAsync(db, applicationReference, ct), ct);
    }

    private static async Task<bool> FlaggedAsync(GrantsDbContext db, int? applicationId, CancellationToken ct) =>
        applicationId is { } id && await db.Applications.AnyAsync(a => a.Id == id && a.PublicInterestReason != null, ct);

    private static async Task<int?> ApplicationIdAsync(GrantsDbContext db, string? reference, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reference)
            ? null
            : await db.Applications.Where(a => a.ApplicationReference == reference.Trim()).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);

    /// <summary>"WMPCC/2026/004": the next number in the calendar year, read inside the caller's transaction.</summary>
    internal static async Task<string> NextReferenceAsync(GrantsDbContext db, int year, CancellationToken ct)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{ReferencePrefix}/{year}/");
        var taken = await db.Set<DecisionNotice>().Where(n => n.NoticeReference.StartsWith(prefix)).Select(n => n.NoticeReference).ToListAsync(ct);
        taken.AddRange(await db.Decisions.Where(d => d.NoticeReference != null && d.NoticeReference.StartsWith(prefix)).Select(d => d.NoticeReference!).ToListAsync(ct));
        var next = taken.Select(r => int.TryParse(r.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max() + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}{next:D3}");
    }
}
