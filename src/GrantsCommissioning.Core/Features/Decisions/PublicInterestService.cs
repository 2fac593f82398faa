using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Decisions;

/// <summary>An application's flag of significant public interest: why, by whom and when.</summary>
public sealed record PublicInterestFlag(string Reason, string? FlaggedBy, DateTimeOffset? FlaggedAt)
{
    public static PublicInterestFlag? Of(GrantApplication a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.PublicInterestReason is { } reason ? new PublicInterestFlag(reason, a.PublicInterestFlaggedByName, a.PublicInterestFlaggedAt) : null;
    }
}

/// <summary>One change to an application's flag: flagged or removed, by whom, when and why.</summary>
public sealed record PublicInterestChange(DateTimeOffset At, string By, bool Flagged, string? Reason);

/// <summary>
/// Flags an application as of significant public interest (PCC decision notices, issue 11 item 7): the officer when
/// recommending, or a decision maker or the Commissioner before the decision. The flag is data the Scheme of Delegation
/// check reads (<see cref="CaseFacts"/>), so a flagged application goes, like an above-limit one, to the level that issues
/// decision notices and needs a notice; the notice drafted for it is ticked of significant public interest.
/// </summary>
public sealed class PublicInterestService(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock)
{
    public const int ReasonMax = 2000;
    public const string FlaggedAction = "Application.PublicInterestFlagged";
    public const string RemovedAction = "Application.PublicInterestFlagRemoved";

    /// <summary>Who may flag: the officer who recommends and those who decide.</summary>
    public static readonly IReadOnlyList<string> Flaggers = [Roles.GrantsOfficer, Roles.DecisionMaker, Roles.Commissioner];

    /// <summary>The states in which the flag can still change who decides: submitted and not yet decided.</summary>
    public static readonly IReadOnlyList<string> Undecided =
        [ApplicationStates.Submitted, ApplicationStates.EligibilityCheck, ApplicationStates.InformationRequested, ApplicationStates.Assessment, ApplicationStates.Recommendation];

    public static bool MayFlag(Actor actor, string state)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Flaggers.Any(actor.IsInRole) && Undecided.Contains(state);
    }

    public async Task<FeatureResult<PublicInterestFlag>> FlagAsync(int applicationId, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Flaggers.Any(actor.IsInRole))
        {
            return FeatureResult<PublicInterestFlag>.Fail(new RoleNeeded("grants officers, decision makers and the Commissioner", "flag an application as of significant public interest"));
        }
        var text = reason?.Trim() ?? "";
        if (text.Length < 10 || text.Length > ReasonMax)
        {
            return FeatureResult<PublicInterestFlag>.Fail(new ReasonNeeded(
                $"Say why this application is of significant public interest (at least 10 characters, at most {ReasonMax:N0})."));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, ct);
            if (application is null || application.State == ApplicationStates.Draft)
            {
                return FeatureResult<PublicInterestFlag>.Fail(new NotFound("application"));
            }
            if (PublicInterestFlag.Of(application) is { } existing)
            {
                return FeatureResult<PublicInterestFlag>.Ok(existing);
            }
            if (!Undecided.Contains(application.State))
            {
                return FeatureResult<PublicInterestFlag>.Fail(new NoLongerPossible("application", "flagged as of significant public interest",
                    "it has been decided or closed, so the flag would change nothing."));
            }
            (application.PublicInterestReason, application.PublicInterestFlaggedByName, application.PublicInterestFlaggedAt) = (text, actor.DisplayName, clock.GetUtcNow());
            await audit.AppendAsync(db, actor, FlaggedAction, nameof(CaseKind.Application), application.Id.ToString(CultureInfo.InvariantCulture),
                new { significantPublicInterest = false }, new { significantPublicInterest = true, reason = text }, ct);
            return FeatureResult<PublicInterestFlag>.Ok(PublicInterestFlag.Of(application)!);
        }, ct);
    }

    /// <summary>
    /// Removes the flag, with a required reason kept in the audit trail (the case's flag history): the delegation check
    /// then goes back to the value limits. Refused, changing nothing, once a decision has been recorded or a decision
    /// notice drafted for the application, since those were made on the flag. Removing it again changes nothing.
    /// </summary>
    public async Task<FeatureResult<bool>> RemoveFlagAsync(int applicationId, string? reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Flaggers.Any(actor.IsInRole))
        {
            return FeatureResult<bool>.Fail(new RoleNeeded("grants officers, decision makers and the Commissioner", "remove the flag of significant public interest"));
        }
        var text = reason?.Trim() ?? "";
        if (text.Length < 10 || text.Length > ReasonMax)
        {
            return FeatureResult<bool>.Fail(new ReasonNeeded(
                $"Say why the application is no longer of significant public interest (at least 10 characters, at most {ReasonMax:N0})."));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var application = await db.Applications.FirstOrDefaultAsync(a => a.Id == applicationId, ct);
            if (application is null || application.State == ApplicationStates.Draft)
            {
                return FeatureResult<bool>.Fail(new NotFound("application"));
            }
            if (PublicInterestFlag.Of(application) is not { } flag)
            {
                return FeatureResult<bool>.Ok(false);
            }
            if (await RemovalBlockerAsync(db, application, ct) is { } because)
            {
                return FeatureResult<bool>.Fail(new NoLongerPossible("flag of significant public interest", "removed", because));
            }
            (application.PublicInterestReason, application.PublicInterestFlaggedByName, application.PublicInterestFlaggedAt) = (null, null, null);
            // Saved against the case's version (its concurrency token): a decision recorded meanwhile makes this save fail rather than unflag a decided case.
            await audit.AppendAsync(db, actor, RemovedAction, nameof(CaseKind.Application), application.Id.ToString(CultureInfo.InvariantCulture),
                new { significantPublicInterest = true, reason = flag.Reason, flaggedBy = flag.FlaggedBy, flaggedAt = flag.FlaggedAt },
                new { significantPublicInterest = false, reason = text }, ct);
            return FeatureResult<bool>.Ok(true);
        }, ct);
    }

    private static async Task<string?> RemovalBlockerAsync(GrantsDbContext db, GrantApplication application, CancellationToken ct)
    {
        if (!Undecided.Contains(application.State) || await db.Decisions.AnyAsync(d => d.ApplicationId == application.Id, ct))
        {
            return "a decision has been recorded on the application, so the flag stays as it was when the decision was made.";
        }
        if (await db.Set<DecisionNotice>().Where(n => n.ApplicationId == application.Id).Select(n => n.NoticeReference).FirstOrDefaultAsync(ct) is { } notice)
        {
            return $"decision notice {notice} has been drafted for it.";
        }
        return null;
    }

    /// <summary>Why the application's flag can no longer be removed (for the case page to say so rather than offer it), or null.</summary>
    public async Task<string?> RemovalBlockerAsync(int applicationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var application = await db.Applications.AsNoTracking().FirstOrDefaultAsync(a => a.Id == applicationId, ct);
        return application is null ? null : await RemovalBlockerAsync(db, application, ct);
    }

    /// <summary>Every time the flag was set or removed, oldest first, from the audit trail.</summary>
    public async Task<IReadOnlyList<PublicInterestChange>> HistoryAsync(int applicationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = applicationId.ToString(CultureInfo.InvariantCulture);
        var rows = await db.AuditLog.AsNoTracking()
            .Where(a => a.EntityType == nameof(CaseKind.Application) && a.EntityId == key && (a.Action == FlaggedAction || a.Action == RemovedAction))
            .OrderBy(a => a.Id).Select(a => new { a.OccurredAt, a.ActorName, a.Action, a.After }).ToListAsync(ct);
        return rows.Select(r => new PublicInterestChange(r.OccurredAt, r.ActorName, r.Action == FlaggedAction, AuditTrail.ReasonOf(r.After))).ToList();
    }
}
