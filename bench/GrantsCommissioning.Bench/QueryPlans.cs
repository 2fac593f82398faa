using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GrantsCommissioning.Bench;

/// <summary>
/// The statements EF Core sends to one database while an action runs (from EF's DiagnosticListener, filtered to commands
/// on a connection to that database, so the app's own background work elsewhere is not counted), each with the plan the
/// database chooses for it: <c>EXPLAIN QUERY PLAN</c> on SQLite, <c>EXPLAIN</c> on PostgreSQL, run afterwards on a
/// connection of its own with the same parameter values.
/// </summary>
internal sealed class QueryPlans : EfEvents
{
    private readonly string? database;
    private readonly List<(string Sql, List<(string Name, object Value)> Parameters, TimeSpan Took)> statements = [];

    private QueryPlans(string database) => this.database = database;

    /// <summary>Runs <paramref name="action"/> once and returns each statement it sent to <paramref name="database"/> with its plan.</summary>
    public static async Task<string> ExplainAsync(BenchStore store, string database, Func<Task> action)
    {
        List<(string Sql, List<(string Name, object Value)> Parameters, TimeSpan Took)> sent;
        using (var capture = new QueryPlans(database))
        {
            // EF Core keeps its answer to "is anyone listening?" for its logging cache time (1 s by default): a context
            // that asked just before the capture started would send its statements unseen.
            await Task.Delay(TimeSpan.FromSeconds(2));
            await action();
            lock (capture.statements)
            {
                sent = [.. capture.statements];
            }
        }
        var text = new StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{sent.Count} statements, {sent.Sum(s => s.Took.TotalMilliseconds):F1} ms in all");
        await using var connection = await store.OpenAsync(database, readOnly: true);
        var sqlite = ReferenceEquals(store, BenchStore.Sqlite);
        for (var i = 0; i < sent.Count; i++)
        {
            var (sql, parameters, took) = sent[i];
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"-- statement {i + 1} ({took.TotalMilliseconds:F1} ms as the app ran it)");
            text.AppendLine(sql.Trim());
            text.AppendLine("-- plan");
            await using var command = BenchStore.Command(connection, (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql, [.. parameters]);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // SQLite: id, parent, notused, detail (a tree by parent); PostgreSQL: one line of text per row.
                text.AppendLine(sqlite ? "   " + reader.GetString(3) : "   " + reader.GetString(0));
            }
        }
        return text.ToString();
    }

    protected override void OnEvent(string name, object? payload)
    {
        // database is null while the base constructor subscribes: nothing is being captured yet.
        if (database is null || name != RelationalEventId.CommandExecuted.Name || payload is not CommandExecutedEventData data
            || data.Command.Connection?.ConnectionString.Contains(Path.GetFileName(database), StringComparison.Ordinal) != true)
        {
            return;
        }
        var parameters = data.Command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToList();
        lock (statements)
        {
            statements.Add((data.Command.CommandText, parameters, data.Duration));
        }
    }
}
