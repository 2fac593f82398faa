using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
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

/// <summary>
/// Flags an application as of significant public interest (PCC decision notices, issue 11 item 7): the officer when
/// recommending, or a decision maker or the Commissioner before the decision. The flag is data the Scheme of Delegation
/// check reads (<see cref="CaseFacts"/>), so a flagged application goes, like an above-limit one, to the level that issues
/// decision notices and needs a notice; the notice drafted for it is ticked of significant public interest.
/// </summary>
public sealed class PublicInterestService(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, TimeProvider clock)
{
    public const int ReasonMax = 2000;

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
            await audit.AppendAsync(db, actor, "Application.PublicInterestFlagged", nameof(CaseKind.Application), application.Id.ToString(CultureInfo.InvariantCulture),
                new { significantPublicInterest = false }, new { significantPublicInterest = true, reason = text }, ct);
            return FeatureResult<PublicInterestFlag>.Ok(PublicInterestFlag.Of(application)!);
        }, ct);
    }
}
