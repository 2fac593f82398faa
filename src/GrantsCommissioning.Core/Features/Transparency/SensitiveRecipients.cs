using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Transparency;

public sealed record SensitiveRecipientView(int OrganisationId, string Name, string Reason, string MarkedBy, DateTimeOffset MarkedAt, SensitiveScope Scope = SensitiveScope.Recipient);

public sealed record RecipientChoice(int OrganisationId, string Name);

/// <summary>
/// Officers mark a recipient as sensitive (a refuge, an individual) so that every public page and file withholds it,
/// or only its location, and remove the mark. Each change is audited in its transaction and reaches the public pages on commit.
/// </summary>
public sealed class SensitiveRecipients(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock)
{
    public const int MaxReason = 500;

    /// <summary>Who may see the quality checks and the sensitive recipients.</summary>
    public static readonly IReadOnlyList<string> Readers = [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner, Roles.Administrator];

    /// <summary>Who may mark or unmark a recipient.</summary>
    public static readonly IReadOnlyList<string> Markers = [Roles.GrantsOfficer, Roles.Administrator];

    public static bool MayMark(Actor actor) => actor is not null && Markers.Any(actor.IsInRole);

    public async Task<IReadOnlyList<SensitiveRecipientView>> MarkedAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await db.Set<SensitiveRecipient>().AsNoTracking().OrderBy(s => s.Organisation!.Name)
                .Select(s => new SensitiveRecipientView(s.OrganisationId, s.Organisation!.Name, s.Reason, s.MarkedByName, s.MarkedAt, s.Scope)).ToListAsync(ct);
        }
    }

    /// <summary>Organisations that have a grant and are not yet marked, by name.</summary>
    public async Task<IReadOnlyList<RecipientChoice>> UnmarkedRecipientsAsync(CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var marked = db.Set<SensitiveRecipient>().Select(s => s.OrganisationId);
            return await db.Organisations.AsNoTracking().Where(o => db.Awards.Any(a => a.OrganisationId == o.Id) && !marked.Contains(o.Id))
                .OrderBy(o => o.Name).Select(o => new RecipientChoice(o.Id, o.Name)).ToListAsync(ct);
        }
    }

    public Task<FeatureResult<bool>> MarkAsync(int organisationId, string? reason, Actor actor, CancellationToken ct = default) =>
        MarkAsync(organisationId, reason, SensitiveScope.Recipient, actor, ct);

    /// <summary>Marks the recipient: <paramref name="scope"/> says whether its whole identity or only its location is withheld.</summary>
    public Task<FeatureResult<bool>> MarkAsync(int organisationId, string? reason, SensitiveScope scope, Actor actor, CancellationToken ct = default) =>
        InTransactionAsync(db => MarkInAsync(db, organisationId, reason, scope, actor, ct), ct);

    public Task<FeatureResult<bool>> UnmarkAsync(int organisationId, Actor actor, CancellationToken ct = default) =>
        InTransactionAsync(db => ChangeInAsync(db, organisationId, actor, "remove a recipient's sensitive mark", async (org, existing) =>
        {
            if (existing is null)
            {
                return FeatureResult<bool>.Fail(new SensitiveMarking(org.Name, false));
            }
            db.Remove(existing);
            await audit.AppendAsync(db, actor, "RecipientSensitiveMarkRemoved", nameof(Organisation), Id(org), new { existing.Reason, Scope = existing.Scope.ToString() }, null, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct), ct);

    /// <summary>Marks the recipient in <paramref name="db"/> (the caller saves and commits): the page's step, and the demo loader's.</summary>
    internal Task<FeatureResult<bool>> MarkInAsync(GrantsDbContext db, int organisationId, string? reason, SensitiveScope scope, Actor actor, CancellationToken ct) =>
        ChangeInAsync(db, organisationId, actor, "mark a recipient as sensitive", async (org, existing) =>
        {
            if (existing is not null)
            {
                return FeatureResult<bool>.Fail(new SensitiveMarking(org.Name, true));
            }
            if (!Enum.IsDefined(scope))
            {
                return FeatureResult<bool>.Fail(new NotFound("sensitive mark scope"));
            }
            var why = reason?.Trim() ?? "";
            if (why.Length == 0 || why.Length > MaxReason)
            {
                return FeatureResult<bool>.Fail(new SensitiveReasonNeeded(MaxReason));
            }
            db.Add(new SensitiveRecipient { OrganisationId = org.Id, Reason = why, Scope = scope, MarkedByName = actor.DisplayName, MarkedAt = clock.GetUtcNow() });
            await audit.AppendAsync(db, actor, "RecipientMarkedSensitive", nameof(Organisation), Id(org), null, new { Reason = why, Scope = scope.ToString() }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);

    private static string Id(Organisation org) => org.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<FeatureResult<bool>> ChangeInAsync(GrantsDbContext db, int organisationId, Actor actor, string what,
        Func<Organisation, SensitiveRecipient?, Task<FeatureResult<bool>>> change, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayMark(actor))
        {
            return FeatureResult<bool>.Fail(new NotAllowed(what));
        }
        var org = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (org is null)
        {
            return FeatureResult<bool>.Fail(new NotFound("organisation"));
        }
        var existing = await db.Set<SensitiveRecipient>().FirstOrDefaultAsync(s => s.OrganisationId == organisationId, ct);
        return await change(org, existing);
    }

    private Task<FeatureResult<bool>> InTransactionAsync(Func<GrantsDbContext, Task<FeatureResult<bool>>> change, CancellationToken ct) =>
        factory.InTransactionAsync(change, ct);
}
