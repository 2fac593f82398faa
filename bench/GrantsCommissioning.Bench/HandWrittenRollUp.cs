using System.Data.Common;
using GrantsCommissioning.Core.Features.Reports;

namespace GrantsCommissioning.Bench;

/// <summary>
/// The Panel roll-up written by hand as one statement per result set on bare ADO.NET (Microsoft.Data.Sqlite or Npgsql,
/// a pooled connection, the same indexes; quoted names and @parameters, so one text runs on both): per objective of the
/// plan in force, the awards made in the period with their apportioned amounts, the payments paid net of recoveries,
/// and the spend and count of accepted returns by period end; then the exact totals.
/// B6's baseline for <see cref="ObjectiveRollUp"/>.
/// </summary>
internal static class HandWrittenRollUp
{
    public sealed record Row(int ObjectiveId, long Awards, long AwardedHundredths, long PaidHundredths, long SpendHundredths, long Returns);

    public sealed record Result(IReadOnlyList<Row> Rows, long Awards, long Awarded, long Paid, long Spend);

    private const string PerObjective =
        """
        WITH plan AS (
            SELECT COALESCE(
                (SELECT "Id" FROM "Plans" WHERE "PeriodStart" <= @end AND "PeriodEnd" >= @start ORDER BY "Version" DESC LIMIT 1),
                (SELECT "Id" FROM "Plans" ORDER BY "PeriodEnd" DESC LIMIT 1)) AS "Id"),
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
        await using (var command = Command(connection, Totals, start, end))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            return new Result(rows, reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
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
        difference = result.Rows.Count != report.Rows.Count ? $"{result.Rows.Count} objectives against the app's {report.Rows.Count}"
            : first != default ? $"objective {first.First.ObjectiveId}: {first.First} against the app's {first.Second}"
            : (result.Awards, result.Awarded, result.Paid, result.Spend) != (report.Totals.AwardsMade, report.Totals.Awarded.Pence, report.Totals.Paid.Pence, report.Totals.SpendReported.Pence)
                ? $"totals {(result.Awards, result.Awarded, result.Paid, result.Spend)} against the app's {report.Totals}" : "";
        return difference.Length == 0;
    }

    private static DbCommand Command(DbConnection connection, string sql, DateOnly start, DateOnly end) =>
        BenchStore.Command(connection, sql, ("start", start), ("end", end));
}
