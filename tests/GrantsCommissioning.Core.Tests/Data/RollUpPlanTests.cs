using System.Data.Common;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// The Panel's roll-up costs what its period holds, not the whole history: on SQLite none of its statements reads a
/// table of grants, money or returns from end to end. Bench B6 found the count of live grants by rating per objective
/// reading every award's objectives: for 2013/14 Q1 on ten years' data (50,000 awards) the Panel page took 16.7 times as
/// long as on the demo database, against a goal of 2.
/// </summary>
public sealed partial class RollUpPlanTests
{
    /// <summary>The tables that grow with every year of grants.</summary>
    private static readonly HashSet<string> History =
        ["Awards", "AwardObjectives", "AwardRatings", "Payments", "Recoveries", "Returns", "ReturnSpendLines", "WorkflowJournal"];

    [SqliteOnlyFact("SQLite plans without statistics, so the same way on this empty database as on ten years of data; PostgreSQL plans by its statistics, which an empty database does not have.")]
    public async Task RollUp_ForAnEarlyQuarter_ReadsNoHistoryTableInFull()
    {
        await using var host = await WorkflowTestHost.CreateAsync(runStartup: false);
        await new WorkflowTestData(host).ObjectiveAsync();
        var paths = host.Services.GetRequiredService<DataPaths>();
        var sent = new Statements();
        var options = GrantsDatabase.Configure(new DbContextOptionsBuilder<GrantsDbContext>(), paths.Provider, paths.ConnectionString)
            .UseApplicationServiceProvider(host.Services)
            .AddInterceptors(sent)
            .Options;
        var rollUp = new ObjectiveRollUp(new PooledDbContextFactory<GrantsDbContext>((DbContextOptions<GrantsDbContext>)options));

        var report = await rollUp.YearToDateAsync(new FinancialYear(2013).Quarter(1));

        Assert.Equal("Test plan", report.PlanTitle);
        Assert.True(sent.All.Count >= 10, $"{sent.All.Count} statements captured");
        var scans = new List<string>();
        await using var connection = new SqliteConnection(paths.ConnectionString);
        await connection.OpenAsync();
        foreach (var (sql, parameters) in sent.All)
        {
            var tables = TableAlias().Matches(sql).ToDictionary(m => m.Groups["alias"].Value, m => m.Groups["table"].Value);
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters)
            {
                explain.Parameters.AddWithValue(name, value);
            }
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync())
            {
                var detail = plan.GetString(3);
                if (Scan().Match(detail) is { Success: true } scan && tables.TryGetValue(scan.Groups["alias"].Value, out var table) && History.Contains(table))
                {
                    scans.Add($"{table}: {detail} in {sql}");
                }
            }
        }
        Assert.Empty(scans);
    }

    [GeneratedRegex(@"(?:FROM|JOIN) ""(?<table>\w+)"" AS ""(?<alias>\w+)""")]
    private static partial Regex TableAlias();

    [GeneratedRegex(@"^SCAN (?<alias>\w+)")]
    private static partial Regex Scan();

    /// <summary>Every query the contexts send, with its parameters.</summary>
    private sealed class Statements : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object Value)> Parameters)> All { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (All)
            {
                All.Add((command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value))]));
            }
            return ValueTask.FromResult(result);
        }
    }
}
