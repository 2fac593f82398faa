using System.Data.Common;
using System.Text.RegularExpressions;
using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.TestCommon.Fixtures;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Data;

/// <summary>
/// The Panel's roll-up and the staff lists cost what their period or their page holds, not the whole history: on SQLite
/// none of their statements reads a table of grants, money or returns from end to end, and no per-row count finds its
/// rows by their state alone (every row in that state since the first year). Bench B6, on ten years of data (50,000
/// awards), found the count of live grants by rating per objective reading every award's objectives (the Panel page for
/// 2013/14 Q1 took 16.7 times as long as on the demo database, against a goal of 2), the portfolio's return counts per
/// award reading every return in each state, the finance page scanning every award's split by year, and the portfolio
/// finding its live awards among every award the officer (or nobody) ever had, closed ones included.
/// </summary>
public sealed partial class QueryPlanTests
{
    private const string SqlitePlanner =
        "SQLite plans without statistics, so the same way on this empty database as on ten years of data; PostgreSQL plans by its statistics, which an empty database does not have.";

    /// <summary>The tables that grow with every year of grants.</summary>
    private static readonly HashSet<string> History =
        ["Awards", "AwardObjectives", "AwardRatings", "AwardYearSplits", "Payments", "Recoveries", "Returns", "ReturnSpendLines", "WorkflowJournal"];

    [SqliteOnlyFact(SqlitePlanner)]
    public async Task RollUp_ForAnEarlyQuarter_ReadsNoHistoryInFull()
    {
        var report = default(ObjectiveRollUpReport);

        var findings = await HistoryReadsAsync(
            async (services, factory) => report = await new ObjectiveRollUp(factory).YearToDateAsync(new FinancialYear(2013).Quarter(1)));

        Assert.Equal("Test plan", report?.PlanTitle);
        Assert.Empty(findings);
    }

    [SqliteOnlyFact(SqlitePlanner)]
    public async Task StaffLists_OfficerDashboard_UnassignedPortfolio_AndFinancePage_ReadNoHistoryInFull()
    {
        var findings = await HistoryReadsAsync(async (services, factory) =>
        {
            var dashboards = ActivatorUtilities.CreateInstance<DashboardQueries>(services, factory);
            await dashboards.OfficerAsync();
            await ActivatorUtilities.CreateInstance<PortfolioQueries>(services, factory).PageAsync(new PortfolioQuery(OfficerUserId: null, Unassigned: true));
            await dashboards.FinanceAsync(new FinancialYear(2026));
        });

        Assert.Empty(findings);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a migrated database with one plan in force, through contexts that capture every
    /// query, and returns each plan line that reads a history table in full or counts per row by state alone.
    /// </summary>
    private static async Task<List<string>> HistoryReadsAsync(Func<IServiceProvider, IDbContextFactory<GrantsDbContext>, Task> action)
    {
        await using var host = await WorkflowTestHost.CreateAsync(runStartup: false);
        await new WorkflowTestData(host).ObjectiveAsync();
        var sent = new Statements();
        await action(host.Services, host.DbFactory(o => o.AddInterceptors(sent)));

        Assert.True(sent.All.Count >= 3, $"{sent.All.Count} statements captured");
        var findings = new List<string>();
        await using var connection = new SqliteConnection(host.Services.GetRequiredService<DataPaths>().ConnectionString);
        await connection.OpenAsync();
        foreach (var (sql, parameters) in sent.All)
        {
            // An alias can name different tables in different subqueries of one statement: any of them counts.
            var tables = TableAlias().Matches(sql).GroupBy(m => m.Groups["alias"].Value)
                .ToDictionary(g => g.Key, g => g.Select(m => m.Groups["table"].Value).ToHashSet());
            bool IsHistory(Match m) => m.Success && tables.TryGetValue(m.Groups["alias"].Value, out var named) && named.Overlaps(History);
            var plan = await PlanAsync(connection, sql, parameters);
            for (var i = 0; i < plan.Count; i++)
            {
                if (IsHistory(Scan().Match(plan[i]))
                    || (i > 0 && plan[i - 1].StartsWith("CORRELATED", StringComparison.Ordinal) && IsHistory(SearchByStateAlone().Match(plan[i])))
                    || IsHistory(AwardsByOfficerAlone().Match(plan[i])))
                {
                    findings.Add($"{plan[i]} in {sql}");
                }
            }
        }
        return findings;
    }

    private static async Task<List<string>> PlanAsync(SqliteConnection connection, string sql, List<(string Name, object Value)> parameters)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            explain.Parameters.AddWithValue(name, value);
        }
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(3));
        }
        return lines;
    }

    [GeneratedRegex(@"(?:FROM|JOIN) ""(?<table>\w+)"" AS ""(?<alias>\w+)""")]
    private static partial Regex TableAlias();

    [GeneratedRegex(@"^SCAN (?<alias>\w+)")]
    private static partial Regex Scan();

    [GeneratedRegex(@"^SEARCH (?<alias>\w+) USING (?:COVERING )?INDEX \w+ \(State=\?\)$")]
    private static partial Regex SearchByStateAlone();

    /// <summary>An officer's awards (or the unassigned ones) found by the officer alone: every award they ever had, closed ones included.</summary>
    [GeneratedRegex(@"^SEARCH (?<alias>\w+) USING (?:COVERING )?INDEX IX_Awards_OfficerUserId_State \(OfficerUserId=\?\)$")]
    private static partial Regex AwardsByOfficerAlone();

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
