using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>The form that records one check: the item's key, a note (required for the fraud-risk and viability items) and a RAG.</summary>
public sealed class DueDiligenceInput
{
    public string? Item { get; set; }
    public string? Note { get; set; }
    public string? Rag { get; set; }
}

public sealed record DueDiligenceLine(DueDiligenceItem Item, string? Note, Rag? Rag, string? RecordedBy, DateTimeOffset? RecordedAt)
{
    public bool Done => RecordedAt is not null;
}

public sealed record DueDiligenceView(
    int ApplicationId, int OrganisationId, string Reference, string Title, string Organisation, Money Requested, DueDiligenceBand Band,
    string StateLabel, bool Open, IReadOnlyList<DueDiligenceLine> Lines)
{
    public IReadOnlyList<string> Missing => Lines.Where(l => !l.Done).Select(l => l.Item.Label).ToList();
}

/// <summary>
/// Due diligence proportionate to value: the application's checklist for its band (see <see cref="DueDiligence"/>),
/// each item recorded once with who and when. The workflow's <c>dueDiligenceComplete</c> guard refuses a funding
/// decision until the band's items are all recorded.
/// </summary>
public sealed class DueDiligenceService(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, WorkflowLabels labels, TimeProvider clock)
{
    private static readonly string[] Closed = [ApplicationStates.Draft, ApplicationStates.Rejected, ApplicationStates.Withdrawn,
        ApplicationStates.OfferMade, ApplicationStates.OfferAccepted, ApplicationStates.OfferDeclined];

    public async Task<DueDiligenceView?> GetAsync(int applicationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await GetAsync(db, applicationId, ct);
    }

    private async Task<DueDiligenceView?> GetAsync(GrantsDbContext db, int applicationId, CancellationToken ct)
    {
        var a = await db.Applications.AsNoTracking().Where(x => x.Id == applicationId && x.State != ApplicationStates.Draft)
            .Select(x => new
            {
                x.Id, x.OrganisationId, x.ApplicationReference, x.ProjectTitle, Organisation = x.Organisation!.Name, x.AmountRequestedPence,
                x.Round!.Fund!.IsSmallFund, x.State, x.WorkflowVersion,
            }).FirstOrDefaultAsync(ct);
        if (a is null)
        {
            return null;
        }
        var checks = await db.Set<DueDiligenceCheck>().AsNoTracking().Where(x => x.ApplicationId == applicationId).ToListAsync(ct);
        var band = DueDiligence.BandFor(a.IsSmallFund, a.AmountRequestedPence);
        var lines = DueDiligence.ItemsFor(band).Select(i => checks.FirstOrDefault(x => x.Item == i.Key) is { } c
            ? new DueDiligenceLine(i, c.Note, c.Rag, c.RecordedByName, c.RecordedAt)
            : new DueDiligenceLine(i, null, null, null, null)).ToList();
        return new DueDiligenceView(a.Id, a.OrganisationId, a.ApplicationReference, a.ProjectTitle, a.Organisation, new Money(a.AmountRequestedPence), band,
            labels.State(CaseKind.Application, a.WorkflowVersion, a.State), !Closed.Contains(a.State), lines);
    }

    /// <summary>Records one item of the application's checklist; a repeat changes nothing and says who recorded it first.</summary>
    public async Task<FeatureResult<int>> RecordAsync(int applicationId, DueDiligenceInput input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(Roles.GrantsOfficer))
        {
            return FeatureResult<int>.Fail(new RoleNeeded("grants officers", "record due diligence"));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var view = await GetAsync(db, applicationId, ct);
            if (view is null)
            {
                return FeatureResult<int>.Fail(new NotFound("application"));
            }
            if (!view.Open)
            {
                return FeatureResult<int>.Fail(new NoLongerPossible("application", "checked", $"it is {view.StateLabel.ToLowerInvariant()}."));
            }
            var line = view.Lines.FirstOrDefault(l => l.Item.Key == input.Item);
            if (line is null)
            {
                return FeatureResult<int>.Fail(new NothingChosen("a check on this application's checklist", "Item"));
            }
            if (line.Done)
            {
                return FeatureResult<int>.Fail(new CheckAlreadyRecorded(line.Item.Label, line.RecordedBy!, line.RecordedAt!.Value));
            }
            var note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
            if (line.Item.NeedsNote && (note is null || note.Length > 4000))
            {
                return FeatureResult<int>.Fail(new ReasonNeeded($"Give the reasons for '{line.Item.Label}' (up to 4,000 characters).", "Note"));
            }
            Rag? rag = null;
            if (line.Item.NeedsRag)
            {
                if (!Enum.TryParse<Rag>(input.Rag, out var parsed) || parsed == Rag.NotRated || !Enum.IsDefined(parsed))
                {
                    return FeatureResult<int>.Fail(new NothingChosen("a rating: red, amber or green", "Rag"));
                }
                rag = parsed;
            }
            if (line.Item.SecondPersonFor is { } firstKey)
            {
                var first = await db.Set<DueDiligenceCheck>().Where(x => x.ApplicationId == applicationId && x.Item == firstKey)
                    .Select(x => x.RecordedByUserId).FirstOrDefaultAsync(ct);
                if (first is null || first == actor.UserId)
                {
                    return FeatureResult<int>.Fail(new SecondCheckNeeded(line.Item.Label, DueDiligence.Find(firstKey)!.Label));
                }
            }
            var check = new DueDiligenceCheck
            {
                ApplicationId = applicationId, Item = line.Item.Key, Note = note, Rag = rag, RecordedByUserId = actor.UserId,
                RecordedByName = actor.DisplayName, RecordedAt = clock.GetUtcNow(),
            };
            db.Add(check);
            await audit.AppendAsync(db, actor, "DueDiligence.Recorded", nameof(CaseKind.Application), view.Reference, null,
                new { item = check.Item, note, rag = rag?.ToString() }, ct);
            return FeatureResult<int>.Ok(applicationId);
        }, ct, () => FeatureResult<int>.Fail(new ChangedMeanwhile("checklist")));
    }
}
