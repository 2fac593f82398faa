using GrantsCommissioning.Core.Data;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// On PostgreSQL the app's start-up leaves every table with planner statistics and lets autovacuum analyse each one after
/// any change. Bench B6 on ten years of data found the small tables (the plan's 11 objectives, the national priorities)
/// never analysed, since autovacuum waits for 50 changed rows: PostgreSQL then took the plan's objectives for one row and
/// the roll-up's statements by national priority read the year's returns award by award, 3 times as long.
/// </summary>
public sealed class PlannerStatisticsTests
{
    [PostgresFact]
    public async Task StartUp_OnAFreshDatabase_AnalysesEveryTable_AndHasAutovacuumAnalyseEachAfterAnyChange()
    {
        await using var host = await WorkflowTestHost.CreateAsync(runStartup: false, fromTemplate: false);
        var tables = await TablesAsync(host);

        Assert.Contains(tables, t => t.Name == "Objectives");
        Assert.Contains(tables, t => t.Name == "NationalPriorities");
        Assert.All(tables, t => Assert.True(t.Analysed, $"{t.Name} has no statistics"));
        Assert.All(tables, t => Assert.True(t.AnalyseAfterAnyChange, $"{t.Name} waits for autovacuum's default 50 changed rows"));
    }

    [PostgresFact]
    public async Task StartUp_AgainAfterATableWasCreatedWithoutStatistics_AnalysesIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "gc-wf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            await using (var first = await WorkflowTestHost.CreateAsync(directory, runStartup: false))
            {
                await ExecuteAsync(first, "CREATE TABLE \"AddedLater\" (\"Id\" integer PRIMARY KEY); INSERT INTO \"AddedLater\" VALUES (1), (2), (3);");
                Assert.False((await TablesAsync(first)).Single(t => t.Name == "AddedLater").Analysed);
            }
            await using var restarted = await WorkflowTestHost.CreateAsync(directory, runStartup: false);

            var added = (await TablesAsync(restarted)).Single(t => t.Name == "AddedLater");
            Assert.True(added.Analysed);
            Assert.True(added.AnalyseAfterAnyChange);
        }
        finally
        {
            WorkflowTestHost.DeleteDataFolder(directory);
        }
    }

    private sealed record Table(string Name, bool Analysed, bool AnalyseAfterAnyChange);

    private static async Task<List<Table>> TablesAsync(WorkflowTestHost host)
    {
        await using var connection = await OpenAsync(host);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.relname, c.reltuples >= 0, coalesce(c.reloptions @> ARRAY['autovacuum_analyze_threshold=1'], false)
            FROM pg_class c
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
            """;
        var tables = new List<Table>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(new Table(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2)));
        }
        return tables;
    }

    private static async Task ExecuteAsync(WorkflowTestHost host, string sql)
    {
        await using var connection = await OpenAsync(host);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(WorkflowTestHost host)
    {
        var connection = new NpgsqlConnection(host.Services.GetRequiredService<DataPaths>().ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
