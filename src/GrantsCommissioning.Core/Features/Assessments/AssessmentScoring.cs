using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>
/// The one place the weighted total is computed: each criterion's score as a share of its scale, times its weight,
/// summed to a total out of 100 (weights sum to 100); and when assessors' totals diverge enough to need moderation.
/// </summary>
public static class AssessmentScoring
{
    /// <summary>The weighted total out of 100, to one decimal place; null when there are no scores.</summary>
    public static decimal? WeightedTotal(IEnumerable<(int CriterionId, int Score)> scores, IReadOnlyDictionary<int, AssessmentCriterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(criteria);
        var list = scores.ToList();
        if (list.Count == 0)
        {
            return null;
        }
        var total = list.Sum(s => criteria.TryGetValue(s.CriterionId, out var c) && c.MaxScore > 0 ? (decimal)s.Score / c.MaxScore * c.WeightPercent : 0m);
        return Math.Round(total, 1, MidpointRounding.AwayFromZero);
    }

    public static decimal? WeightedTotal(Assessment assessment, IReadOnlyDictionary<int, AssessmentCriterion> criteria)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return WeightedTotal(assessment.Scores.Select(s => (s.CriterionId, s.Score)), criteria);
    }

    /// <summary>The spread between the highest and lowest total, in percentage points; 0 with fewer than two.</summary>
    public static decimal Spread(IReadOnlyCollection<decimal> totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return totals.Count < 2 ? 0 : totals.Max() - totals.Min();
    }

    /// <summary>Totals further apart than the round's threshold need an officer's moderated score.</summary>
    public static bool Diverges(IReadOnlyCollection<decimal> totals, int thresholdPercent) => Spread(totals) > thresholdPercent;

    /// <summary>The score the ranking uses: the moderated score when there is one, otherwise the assessors' average.</summary>
    public static decimal? RankingScore(IReadOnlyCollection<decimal> totals, int? moderated)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return moderated is { } m ? m : totals.Count == 0 ? null : Math.Round(totals.Average(), 1, MidpointRounding.AwayFromZero);
    }
}
