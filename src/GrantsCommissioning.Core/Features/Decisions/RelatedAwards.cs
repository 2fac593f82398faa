using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Definitions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GrantsCommissioning.Core.Features.Decisions;

public sealed class DecisionOptions
{
    public const string SectionName = "Decisions";

    /// <summary>Funded decisions for the same organisation within this many days count together against a delegated limit.</summary>
    public int RelatedAwardWindowDays { get; set; } = 365;
}

/// <summary>An earlier funded decision for the same organisation, counted with a new one against the delegated limit.</summary>
public sealed record RelatedAward(string ApplicationReference, string ProjectTitle, Money Amount, DateTimeOffset DecidedAt);

/// <summary>
/// Award splitting: funded decisions for one organisation within the window count together against the Scheme of
/// Delegation, so two grants of £13,214 and £13,085 cannot each slip under a £25,000 limit.
/// </summary>
public sealed class RelatedAwards(IDbContextFactory<GrantsDbContext> factory, WorkflowRegistry registry, IOptions<DecisionOptions> options, TimeProvider clock)
{
    public int WindowDays => options.Value.RelatedAwardWindowDays;

    /// <summary>For the case page: the organisation's other funded decisions within the window.</summary>
    public async Task<IReadOnlyList<RelatedAward>> ForAsync(int applicationId, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            return await ForAsync(db, applicationId, clock.GetUtcNow(), ct);
        }
    }

    internal async Task<IReadOnlyList<RelatedAward>> ForAsync(GrantsDbContext db, int applicationId, DateTimeOffset now, CancellationToken ct)
    {
        var organisationId = await db.Applications.Where(a => a.Id == applicationId).Select(a => (int?)a.OrganisationId).FirstOrDefaultAsync(ct);
        if (organisationId is null)
        {
            return [];
        }
        var since = now.AddDays(-WindowDays);
        var rows = await db.Decisions.AsNoTracking()
            .Where(d => d.ApplicationId != applicationId && d.Application!.OrganisationId == organisationId
                && (d.Outcome == DecisionOutcome.Approve || d.Outcome == DecisionOutcome.PartFund))
            .Select(d => new { d.Application!.ApplicationReference, d.Application.ProjectTitle, d.AmountPence, d.DecidedAt })
            .ToListAsync(ct);
        return rows.Where(r => r.DecidedAt >= since).OrderBy(r => r.DecidedAt)
            .Select(r => new RelatedAward(r.ApplicationReference, r.ProjectTitle, new Money(r.AmountPence), r.DecidedAt)).ToList();
    }

    /// <summary>
    /// The problem with deciding <paramref name="amount"/> when related awards are counted with it: null when the total is
    /// within the actor's limit (and carries a notice where the scheme needs one).
    /// </summary>
    internal async Task<string?> ProblemAsync(GrantsDbContext db, GrantApplication c, Actor actor, Money amount, string? noticeReference, bool smallFund,
        DateTimeOffset now, CancellationToken ct)
    {
        var related = await ForAsync(db, c.Id, now, ct);
        if (related.Count == 0)
        {
            return null;
        }
        var total = amount + Money.Sum(related.Select(r => r.Amount));
        var d = registry.Get(CaseKind.Application, c.WorkflowVersion).Definition;
        // A deputy decides under the principal's limits capped at their own, exactly as the Scheme of Delegation check does.
        var approve = d.FindTransition(c.State, ApplicationTriggers.Approve);
        var deputyships = approve is null ? [] : await TransitionChecks.DeputyshipsAsync(db, approve, actor, ct);
        var roles = d.Delegation.Select(l => l.Role).Where(actor.IsInRole).Distinct().ToList();
        var limits = (approve is null ? d.Delegation.Where(l => roles.Contains(l.Role)) : TransitionChecks.Limits(d, approve, roles, deputyships).Select(x => x.Limit))
            .Where(l => !l.SmallFundOnly || smallFund).ToList();
        var earlier = string.Join(", ", related.Select(r => $"{r.Amount} ({r.ApplicationReference})"));
        var intro = $"This organisation already has {earlier} within the last {WindowDays} days. Related awards count together against the " +
            $"Scheme of Delegation: with this decision they make {total}";
        if (limits.Count == 0 || limits.All(l => l.MaxPence is { } max && total.Pence > max))
        {
            var highest = limits.Select(l => l.MaxPence ?? 0).DefaultIfEmpty(0).Max();
            return $"{intro}, above your delegated limit of {new Money(highest)}. The decision must go to someone with a higher limit.";
        }
        var needsNotice = limits.Where(l => l.MaxPence is null || total.Pence <= l.MaxPence)
            .All(l => l.RequiresNoticeAbovePence is { } above && total.Pence > above);
        return needsNotice && string.IsNullOrWhiteSpace(noticeReference)
            ? $"{intro}, so the decision needs a decision notice reference."
            : null;
    }
}
