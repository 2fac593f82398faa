using System.Data.Common;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Reports;

namespace GrantsCommissioning.Bench;

/// <summary>
/// The Panel roll-up written by hand as one statement per result set on bare ADO.NET (Microsoft.Data.Sqlite or Npgsql,
/// a pooled connection, the same indexes; quoted names and @parameters, so one text runs on both): per objective of the
/// plan in force, the awards made in the period with their apportioned amounts, the payments paid net of recoveries,
/// and the spend and count of accepted returns by period end; the same per national priority; the live awards at the
/// period's end by their latest RAG rating, per objective and in all; then the exact totals. The same work as the app's
/// roll-up, so the ratio compares like with like.
/// B6's baseline for <see cref="ObjectiveRollUp"/>.
/// </summary>
internal static class HandWrittenRollUp
{
    public sealed record Row(int ObjectiveId, long Awards, long AwardedHundredths, long PaidHundredths, long SpendHundredths, long Returns);

    /// <summary>A national priority's figures, each movement apportioned by the award's share of the priority.</summary>
    public sealed record PriorityRow(int PriorityId, long Awards, long AwardedHundredths, long PaidHundredths, long SpendHundredths, long Returns);

    /// <summary>Live awards at the period's end by their latest rating (0 not rated); objective 0 is every live award.</summary>
    public sealed record RatingCount(int ObjectiveId, int Rag, long Awards);

    public sealed record Result(
        IReadOnlyList<Row> Rows, long Awards, long Awarded, long Paid, long Spend, IReadOnlyList<PriorityRow> Priorities, IReadOnlyList<RatingCount> Ratings);

    private const string Plan =
        """
        WITH plan AS (
            SELECT COALESCE(
                (SELECT "Id" FROM "Plans" WHERE "PeriodStart" <= @end AND "PeriodEnd" >= @start ORDER BY "Version" DESC LIMIT 1),
                (SELECT "Id" FROM "Plans" ORDER BY "PeriodEnd" DESC LIMIT 1)) AS "Id")
        """;

    /// <summary>The same figures per national priority: an award's share of a priority is its shares of the plan's objectives that serve it.</summary>
    private const string PerPriority = Plan +
        """
        ,
        shares AS (
            SELECT onp."NationalPrioritiesId" AS k, ao."AwardId", ao."SharePercent"
            FROM "ObjectiveNationalPriorities" onp JOIN "Objectives" o ON o."Id" = onp."ObjectivesId" JOIN "AwardObjectives" ao ON ao."ObjectiveId" = o."Id"
            WHERE o."PlanId" = (SELECT "Id" FROM plan)),
        awarded AS (
            SELECT s.k, COUNT(DISTINCT a."Id") AS n, SUM(a."AmountPence" * s."SharePercent") AS h
            FROM "Awards" a JOIN shares s ON s."AwardId" = a."Id" WHERE a."AwardedOn" BETWEEN @start AND @end GROUP BY s.k),
        paid AS (
            SELECT s.k, SUM(p."AmountPence" * s."SharePercent") AS h
            FROM "Payments" p JOIN shares s ON s."AwardId" = p."AwardId"
            WHERE p."State" IN ('Paid', 'Recovered') AND p."PaidOn" BETWEEN @start AND @end GROUP BY s.k),
        recovered AS (
            SELECT s.k, SUM(r."AmountPence" * s."SharePercent") AS h
            FROM "Recoveries" r JOIN shares s ON s."AwardId" = r."AwardId" WHERE r."RaisedOn" BETWEEN @start AND @end GROUP BY s.k),
        accepted AS (
            SELECT "Id", "AwardId" FROM "Returns" WHERE "State" = 'Accepted' AND "PeriodEnd" BETWEEN @start AND @end),
        spend AS (
            SELECT s.k, SUM(l."AmountPence" * s."SharePercent") AS h
            FROM accepted r JOIN shares s ON s."AwardId" = r."AwardId" JOIN "ReturnSpendLines" l ON l."ReturnId" = r."Id" GROUP BY s.k),
        returned AS (
            SELECT s.k, COUNT(DISTINCT r."Id") AS n FROM accepted r JOIN shares s ON s."AwardId" = r."AwardId" GROUP BY s.k)
        SELECT n."Id", COALESCE(awarded.n, 0), COALESCE(awarded.h, 0), COALESCE(paid.h, 0) + COALESCE(recovered.h, 0), COALESCE(spend.h, 0), COALESCE(returned.n, 0)
        FROM "NationalPriorities" n
        LEFT JOIN awarded ON awarded.k = n."Id" LEFT JOIN paid ON paid.k = n."Id" LEFT JOIN recovered ON recovered.k = n."Id"
        LEFT JOIN spend ON spend.k = n."Id" LEFT JOIN returned ON returned.k = n."Id"
        ORDER BY n."Id";
        """;

    /// <summary>
    /// Awards live at the end of the period (awarded by then, grant period not over, not closed or terminated by then in
    /// the workflow journal; award case kind 2) by their latest rating then, per objective of the plan and in all.
    /// </summary>
    private const string Ratings = Plan +
        """
        ,
        live AS (
            SELECT a."Id", COALESCE((SELECT r."Rag" FROM "AwardRatings" r WHERE r."AwardId" = a."Id" AND r."RatedAt" < @endOfDay
                                     ORDER BY r."RatedAt" DESC, r."Id" DESC LIMIT 1), 0) AS rag
            FROM "Awards" a
            WHERE a."AwardedOn" <= @end AND a."EndDate" >= @end AND NOT EXISTS (
                SELECT 1 FROM "WorkflowJournal" w
                WHERE w."CaseKind" = 2 AND w."CaseId" = a."Id" AND w."OccurredAt" < @endOfDay AND w."ToState" IN ('Closed', 'Terminated')))
        SELECT ao."ObjectiveId", live.rag, COUNT(*) FROM live JOIN "AwardObjectives" ao ON ao."AwardId" = live."Id"
        WHERE ao."ObjectiveId" IN (SELECT "Id" FROM "Objectives" WHERE "PlanId" = (SELECT "Id" FROM plan))
        GROUP BY ao."ObjectiveId", live.rag
        UNION ALL
        SELECT 0, rag, COUNT(*) FROM live GROUP BY rag
        ORDER BY 1, 2;
        """;

    private const string PerObjective = Plan +
        """
        ,
        awarded AS (
            SELECT ao."ObjectiveId", COUNT(*) AS n, SUM(a."AmountPence" * ao."SharePercent") AS h
            FROM "Awards" a JOIN "AwardObjectives" ao ON ao."AwardId" = a."Id"
            WHERE a."AwardedOn" BETWEEN @start AND @end GROUP BY ao."ObjectiveId"),
        paid AS (
            SELECT ao."ObjectiveId", SUM(p."AmountPence" * ao."SharePercent") AS h
            FROM "Payments" p JOIN "AwardObjectives" ao ON ao."AwardId" = p."AwardId"
            WHERE p."State" IN ('Paid', 'Recovered') AND p."PaidOn" BETWEEN @start AND @end GROUP BY ao."ObjectiveId"),
        recovered AS (
            SELECT ao."ObjectiveId", SUM(r."AmountPence" * ao."SharePercent") AS h
            FROM "Recoveries" r JOIN "AwardObjectives" ao ON ao."AwardId" = r."AwardId"
            WHERE r."RaisedOn" BETWEEN @start AND @end GROUP BY ao."ObjectiveId"),
        accepted AS (
            SELECT "Id", "AwardId" FROM "Returns" WHERE "State" = 'Accepted' AND "PeriodEnd" BETWEEN @start AND @end),
        spend AS (
            SELECT ao."ObjectiveId", SUM(s."AmountPence" * ao."SharePercent") AS h
            FROM accepted r JOIN "AwardObjectives" ao ON ao."AwardId" = r."AwardId" JOIN "ReturnSpendLines" s ON s."ReturnId" = r."Id"
            GROUP BY ao."ObjectiveId"),
        returned AS (
            SELECT ao."ObjectiveId", COUNT(*) AS n FROM accepted r JOIN "AwardObjectives" ao ON ao."AwardId" = r."AwardId" GROUP BY ao."ObjectiveId")
        SELECT o."Id", COALESCE(awarded.n, 0), COALESCE(awarded.h, 0), COALESCE(paid.h, 0) + COALESCE(recovered.h, 0), COALESCE(spend.h, 0), COALESCE(returned.n, 0)
        FROM "Objectives" o
        LEFT JOIN awarded ON awarded."ObjectiveId" = o."Id" LEFT JOIN paid ON paid."ObjectiveId" = o."Id" LEFT JOIN recovered ON recovered."ObjectiveId" = o."Id"
        LEFT JOIN spend ON spend."ObjectiveId" = o."Id" LEFT JOIN returned ON returned."ObjectiveId" = o."Id"
        WHERE o."PlanId" = (SELECT "Id" FROM plan)
        ORDER BY o."Number";
        """;

    private const string Totals =
        """
        SELECT
          (SELECT COUNT(*) FROM "Awards" WHERE "AwardedOn" BETWEEN @start AND @end),
          (SELECT COALESCE(SUM("AmountPence"), 0) FROM "Awards" WHERE "AwardedOn" BETWEEN @start AND @end),
          (SELECT COALESCE(SUM("AmountPence"), 0) FROM "Payments" WHERE "State" IN ('Paid', 'Recovered') AND "PaidOn" BETWEEN @start AND @end)
            + (SELECT COALESCE(SUM("AmountPence"), 0) FROM "Recoveries" WHERE "RaisedOn" BETWEEN @start AND @end),
          (SELECT COALESCE(SUM(s."AmountPence"), 0) FROM "Returns" r JOIN "ReturnSpendLines" s ON s."ReturnId" = r."Id"
            WHERE r."State" = 'Accepted' AND r."PeriodEnd" BETWEEN @start AND @end);
        """;

    public static async Task<Result> RunAsync(BenchStore store, string database, DateOnly start, DateOnly end)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = await store.OpenAsync(database, readOnly: true);
        var rows = new List<Row>();
        await using (var command = Command(connection, PerObjective, start, end))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(new Row(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }
        var priorities = new List<PriorityRow>();
        await using (var command = Command(connection, PerPriority, start, end))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                priorities.Add(new PriorityRow(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }
        // The first instant after the period's last day in the UK, as the app stores instants (UTC ticks on SQLite).
        var endOfDay = UkTime.FromUkLocal(end.AddDays(1), TimeOnly.MinValue).ToUniversalTime();
        var ratings = new List<RatingCount>();
        await using (var command = BenchStore.Command(connection, Ratings, ("start", start), ("end", end),
            ("endOfDay", ReferenceEquals(store, BenchStore.Sqlite) ? endOfDay.UtcTicks : endOfDay)))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ratings.Add(new RatingCount(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt64(2)));
            }
        }
        await using (var command = Command(connection, Totals, start, end))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            return new Result(rows, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), priorities, ratings);
        }
    }

    /// <summary>Whether the app's report and this one agree, figure by figure (apportioned amounts rounded as the app rounds them).</summary>
    public static bool Matches(ObjectiveRollUpReport report, Result result, out string difference)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(result);
        static long Pence(long hundredths) => (long)Math.Round(hundredths / 100m, MidpointRounding.AwayFromZero);
        var mine = result.Rows.Select(r => (r.ObjectiveId, (int)r.Awards, Pence(r.AwardedHundredths), Pence(r.PaidHundredths), Pence(r.SpendHundredths), (int)r.Returns));
        var theirs = report.Rows.Select(r => (r.ObjectiveId, r.AwardsMade, r.Awarded.Pence, r.Paid.Pence, r.SpendReported.Pence, r.ReturnsAccepted));
        var first = mine.Zip(theirs).FirstOrDefault(p => p.First != p.Second);
        var minePriorities = result.Priorities.Select(r => (r.PriorityId, (int)r.Awards, Pence(r.AwardedHundredths), Pence(r.PaidHundredths), Pence(r.SpendHundredths), (int)r.Returns));
        var theirPriorities = report.Priorities.Select(r => (r.PriorityId, r.AwardsMade, r.Awarded.Pence, r.Paid.Pence, r.SpendReported.Pence, r.ReturnsAccepted));
        var firstPriority = minePriorities.Zip(theirPriorities).FirstOrDefault(p => p.First != p.Second);
        // Rating counts as (objective, RAG) → awards, the app's with objective 0 for its totals; zero counts left out.
        var mineRatings = result.Ratings.Select(r => $"{r.ObjectiveId}:{r.Rag}={r.Awards}").Order(StringComparer.Ordinal);
        var theirRatings = report.Rows.Select(r => (r.ObjectiveId, r.Ratings)).Append((0, report.Totals.Ratings))
            .SelectMany(r => Enum.GetValues<Rag>().Where(rag => r.Item2.Count(rag) > 0).Select(rag => $"{r.Item1}:{(int)rag}={r.Item2.Count(rag)}"))
            .Order(StringComparer.Ordinal);
        difference = result.Rows.Count != report.Rows.Count ? $"{result.Rows.Count} objectives against the app's {report.Rows.Count}"
            : first != default ? $"objective {first.First.ObjectiveId}: {first.First} against the app's {first.Second}"
            : (result.Awards, result.Awarded, result.Paid, result.Spend) != (report.Totals.AwardsMade, report.Totals.Awarded.Pence, report.Totals.Paid.Pence, report.Totals.SpendReported.Pence)
                ? $"totals {(result.Awards, result.Awarded, result.Paid, result.Spend)} against the app's {report.Totals}"
            : result.Priorities.Count != report.Priorities.Count ? $"{result.Priorities.Count} national priorities against the app's {report.Priorities.Count}"
            : firstPriority != default ? $"priority {firstPriority.First.PriorityId}: {firstPriority.First} against the app's {firstPriority.Second}"
            : !mineRatings.SequenceEqual(theirRatings) ? $"ratings {string.Join(" ", mineRatings)} against the app's {string.Join(" ", theirRatings)}" : "";
        return difference.Length == 0;
    }

    private static DbCommand Command(DbConnection connection, string sql, DateOnly start, DateOnly end) =>
        BenchStore.Command(connection, sql, ("start", start), ("end", end));
}
