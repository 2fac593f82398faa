using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Public;

public sealed record RoundFilter(string? Fund, int? Objective, string? Area);

public sealed record FilterOption(string Value, string Label);

public sealed record RoundFilterOptions(IReadOnlyList<FilterOption> Funds, IReadOnlyList<FilterOption> Objectives, IReadOnlyList<string> Areas);

public sealed record EligibilityQuestion(int Id, int Order, string Question);

public sealed record CriterionView(string Title, string Guidance, int WeightPercent, int MaxScore);

public sealed record RoundDetail(string Reference, string Title, string FundName, string FundPurpose, string Purpose, string WhoCanApply,
    Money MinAward, Money MaxAward, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool ShortForm, bool IsOpen, bool NotYetOpen,
    IReadOnlyList<EligibilityQuestion> Eligibility, IReadOnlyList<CriterionView> Criteria, IReadOnlyList<string> Objectives)
{
    /// <summary>Two-stage rounds: expressions of interest close at this time; only invited organisations then make a full application.</summary>
    public DateTimeOffset? InterestClosesAt { get; init; }

    /// <summary>Two-stage rounds: an expression of interest can be sent now.</summary>
    public bool InterestOpen { get; init; }
}

public sealed record EligibilityOutcome(bool Eligible, IReadOnlyList<string> Reasons);

/// <summary>Funding rounds as the public sees them: the open ones with filters, one round's detail, and the eligibility checker.</summary>
public sealed class RoundQueries(IDbContextFactory<GrantsDbContext> factory, PublicDataCache cache, TimeProvider clock)
{
    private const string WholeArea = "West Mercia";

    public Task<RoundFilterOptions> FilterOptionsAsync(CancellationToken ct = default) => cache.GetAsync("filter-options", async load =>
    {
        var db = await factory.CreateDbContextAsync(load);
        await using (db)
        {
            var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Name).Select(f => new FilterOption(f.Code, f.Name)).ToListAsync(load);
            var objectives = await db.Objectives.AsNoTracking().Where(o => o.Plan!.Version == db.Plans.Where(p => p.Code == o.Plan.Code).Max(p => p.Version))
                .OrderBy(o => o.Number).Select(o => new { o.Number, o.Title }).ToListAsync(load);
            return new RoundFilterOptions(funds,
                objectives.Select(o => new FilterOption(o.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Objective {o.Number} – {o.Title}")).ToList(),
                OrganisationTypes.Areas.Where(a => !a.StartsWith(WholeArea, StringComparison.Ordinal)).ToList());
        }
    }, ct);

    /// <summary>
    /// Open rounds matching the filters. Rounds have no area field: a round serves an area when its "who can apply" or
    /// purpose names it or names the whole police area (West Mercia), which every current round does. The matching is
    /// ordinal and case-sensitive, as SQLite's instr() was when this filtered in SQL.
    /// </summary>
    public async Task<IReadOnlyList<OpenRound>> OpenRoundsAsync(RoundFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = clock.GetUtcNow();
        var rounds = await cache.GetAsync("rounds", load => PublicQueries.CurrentRoundsAsync(factory, now, load), ct);
        var area = filter.Area?.Trim();
        return rounds.Where(r => r.Round.OpensAt <= now && r.Round.ClosesAt > now)
            .Where(r => string.IsNullOrWhiteSpace(filter.Fund) || r.FundCode == filter.Fund)
            .Where(r => filter.Objective is not { } number || r.Round.ObjectiveNumbers.Contains(number))
            .Where(r => string.IsNullOrWhiteSpace(area) || Names(r, area) || Names(r, WholeArea))
            .Select(r => r.Round).ToList();
    }

    private static bool Names(CurrentRound r, string area) =>
        r.WhoCanApply.Contains(area, StringComparison.Ordinal) || r.Round.Purpose.Contains(area, StringComparison.Ordinal);

    public async Task<RoundDetail?> DetailAsync(string reference, CancellationToken ct = default)
    {
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var r = await db.Rounds.AsNoTracking().Include(x => x.Fund).Include(x => x.EligibilityRules).Include(x => x.Criteria).Include(x => x.Objectives)
                .AsSplitQuery().FirstOrDefaultAsync(x => x.Reference == reference && !x.IsDraft, ct);
            return r is null ? null : ToDetail(r, clock.GetUtcNow());
        }
    }

    /// <summary>The public view of a round (its fund, rules, criteria and objectives loaded); also the officer's preview of a draft.</summary>
    internal static RoundDetail ToDetail(FundingRound r, DateTimeOffset now) =>
        new(r.Reference, r.Title, r.Fund!.Name, r.Fund.Purpose, r.Purpose, r.WhoCanApply, r.MinAward, r.MaxAward, r.OpensAt,
                r.ClosesAt, r.UsesShortForm, r.IsOpenAt(now), now < r.OpensAt,
                r.EligibilityRules.OrderBy(e => e.Order).Select(e => new EligibilityQuestion(e.Id, e.Order, e.Question)).ToList(),
                r.Criteria.OrderBy(c => c.Order).Select(c => new CriterionView(c.Title, c.Guidance, c.WeightPercent, c.MaxScore)).ToList(),
                r.Objectives.OrderBy(o => o.Number).Select(o => o.Heading).ToList())
        {
            InterestClosesAt = r.InterestClosesAt,
            InterestOpen = r.InterestClosesAt is { } e && now >= r.OpensAt && now < e,
        };

    private static readonly EligibilityAnswersValidator AnswersValidator = new();

    /// <summary>Checks yes/no answers (rule id → answer) against the round's rules: eligible, or each rule's failure message.</summary>
    public async Task<FeatureResult<EligibilityOutcome>> CheckEligibilityAsync(string reference, IReadOnlyDictionary<int, bool?> answers, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            var rules = await db.Rounds.AsNoTracking().Where(r => r.Reference == reference && !r.IsDraft).SelectMany(r => r.EligibilityRules).OrderBy(e => e.Order)
                .ToListAsync(ct);
            if (rules.Count == 0 && !await db.Rounds.AnyAsync(r => r.Reference == reference && !r.IsDraft, ct))
            {
                return FeatureResult<EligibilityOutcome>.Fail(new NotFound("funding round"));
            }
            var validation = AnswersValidator.Validate(new EligibilityAnswers(rules, answers));
            if (!validation.IsValid)
            {
                return FeatureResult<EligibilityOutcome>.Invalid(validation);
            }
            var reasons = rules.Where(r => answers[r.Id] != r.RequiredAnswer).Select(r => r.FailureMessage).ToList();
            return FeatureResult<EligibilityOutcome>.Ok(new EligibilityOutcome(reasons.Count == 0, reasons));
        }
    }
}
