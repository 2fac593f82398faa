using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Core.Workflow.Kinds;
using GrantsCommissioning.Core.Workflow.Timers;
using GrantsCommissioning.TestCommon.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Tests.Workflow;

/// <summary>
/// The same trigger writes the same rows whoever fires it, read from the definitions and the registered handlers rather
/// than listed by hand: a trigger the system may fire is fired once by a person (or directly, for the system's own
/// triggers) and once through its timer, and the two write the same rows; a trigger with a handler that the system may
/// not fire is refused to the timer path with nothing written.
/// </summary>
public sealed class SameRowsWhoeverFiresTests(WorkflowHostFixture fixture) : IClassFixture<WorkflowHostFixture>
{
    [Fact]
    public async Task EveryTriggerTheSystemMayFire_FiredByAPersonAndByItsTimer_WritesTheSameRows()
    {
        var differences = new List<string>();
        var compared = new List<string>();
        foreach (var (kind, transition, from) in Transitions().Where(t => t.Transition.Roles.Contains(Actor.SystemRole)))
        {
            var what = $"{kind} '{transition.Trigger}' from {from}";
            var personRole = transition.Roles.FirstOrDefault(r => r != Actor.SystemRole);
            var other = personRole is null ? Actor.System : await fixture.Data.UserAsync("Pat", personRole);

            var byTimer = await fixture.Data.CaseAsync(kind, from);
            var byOther = await fixture.Data.CaseAsync(kind, from);
            var timerWrites = await WritesAsync(byTimer, Actor.System, () => FireTimerOrDirectAsync(byTimer, transition.Trigger));
            var otherWrites = await WritesAsync(byOther, other, async () => await fixture.Host.Workflow.FireAsync(
                new TransitionRequest(CaseRef.Of(byOther), transition.Trigger, other, Guid.NewGuid().ToString()) { Comment = "Reason given" }));

            differences.AddRange(timerWrites.Compare(otherWrites).Select(d => $"{what}: {d}"));
            compared.Add(what);
        }

        Assert.Empty(differences);
        // Not vacuous: payments' "Make ready" (a person or its timer) and the return's timed triggers are among them.
        Assert.Contains("Payment 'MakeReady' from Scheduled", compared);
        Assert.Contains("MonitoringReturn 'Open' from Scheduled", compared);
        Assert.Contains("MonitoringReturn 'MarkOverdue' from Due", compared);
    }

    [Fact]
    public async Task EveryHandledTriggerTheSystemMayNotFire_IsRefusedToTheTimerPath_AndWritesNothing()
    {
        var handlers = fixture.Host.Services.GetRequiredService<TransitionHandlers>().All
            .Where(h => h.Handler is not FaultInjectionHandler)
            .Select(h => (h.Kind, h.Trigger))
            .ToHashSet();
        var problems = new List<string>();
        var checkedTriggers = new List<string>();
        foreach (var (kind, transition, from) in Transitions().Where(t => handlers.Contains((t.Kind, t.Transition.Trigger))))
        {
            if (transition.Roles.Contains(Actor.SystemRole))
            {
                continue; // compared with a person's firing above
            }
            var what = $"{kind} '{transition.Trigger}' from {from}";
            var c = await fixture.Data.CaseAsync(kind, from);
            TransitionResult? result = null;
            var writes = await WritesAsync(c, Actor.System, async () => result = await fixture.Host.Workflow.FireAsync(
                new TransitionRequest(CaseRef.Of(c), transition.Trigger, Actor.System, Guid.NewGuid().ToString()) { Comment = "Automatic" }));
            if (result!.Succeeded || result.Error != TransitionError.RoleNotAllowed)
            {
                problems.Add($"{what}: expected the system to be refused, got {(result.Succeeded ? "success" : result.Error.ToString())}");
            }
            problems.AddRange(writes.Nothing().Select(d => $"{what}: {d}"));
            checkedTriggers.Add(what);
        }

        Assert.Empty(problems);
        Assert.Contains("Payment 'Pay' from Authorised", checkedTriggers);
        Assert.Contains(checkedTriggers, t => t.StartsWith("Application ", StringComparison.Ordinal));
        Assert.Contains(checkedTriggers, t => t.StartsWith("DecisionNotice ", StringComparison.Ordinal));
    }

    /// <summary>Each transition of each kind's current definition, once per state it leaves from.</summary>
    private IEnumerable<(CaseKind Kind, Core.Workflow.Definitions.TransitionDefinition Transition, string From)> Transitions() =>
        Enum.GetValues<CaseKind>()
            .Select(k => (Kind: k, Definition: fixture.Host.Registry.Latest(k).Definition))
            .SelectMany(d => d.Definition.Transitions.SelectMany(t => t.From.Select(f => (d.Kind, t, f))));

    /// <summary>Through the case's pending timer for the trigger when its definition sets one, else straight to the runtime as the system.</summary>
    private async Task<TransitionResult?> FireTimerOrDirectAsync(WorkflowCaseBase c, string trigger)
    {
        long? timerId;
        using (var db = fixture.Host.Db())
        {
            timerId = await db.WorkflowTimers
                .Where(t => t.CaseKind == c.Kind && t.CaseId == c.Id && t.Trigger == trigger && t.Status == WorkflowTimerStatus.Pending)
                .Select(t => (long?)t.Id).FirstOrDefaultAsync();
        }
        return timerId is { } id
            ? await fixture.Host.Services.GetRequiredService<TimerFirer>().FireAsync(id)
            : await fixture.Host.Workflow.FireAsync(new TransitionRequest(CaseRef.Of(c), trigger, Actor.System, Guid.NewGuid().ToString()) { Comment = "Reason given" });
    }

    /// <summary>What one firing wrote: rows added or removed per table, and the case's columns that changed.</summary>
    private async Task<Writes> WritesAsync(WorkflowCaseBase c, Actor actor, Func<Task<TransitionResult?>> fire)
    {
        var countsBefore = await RowCountsAsync();
        var before = await ColumnsAsync(c);
        var result = await fire();
        var countsAfter = await RowCountsAsync();
        var after = await ColumnsAsync(c);
        var added = countsAfter.Where(t => t.Value != countsBefore[t.Key]).ToDictionary(t => t.Key, t => t.Value - countsBefore[t.Key]);
        var changed = after.Where(p => !Equals(p.Value, before[p.Key])).ToDictionary(p => p.Key, p => p.Value);
        return new Writes(result?.Succeeded ?? false, actor.UserId, added, changed);
    }

    private async Task<Dictionary<string, int>> RowCountsAsync()
    {
        using var db = fixture.Host.Db();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().ToList();
        var counts = new Dictionary<string, int>();
        foreach (var table in tables)
        {
#pragma warning disable EF1002 // table names from the EF model, not input
            counts[table] = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
        }
        return counts;
    }

    private async Task<Dictionary<string, object?>> ColumnsAsync(WorkflowCaseBase c)
    {
        using var db = fixture.Host.Db();
        var current = await fixture.Host.Services.GetRequiredService<CaseKinds>().FindAsync(db, CaseRef.Of(c), CancellationToken.None);
        Assert.NotNull(current);
        return db.Entry(current).Properties.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
    }

    private sealed record Writes(bool Succeeded, string ActorId, Dictionary<string, int> RowsAdded, Dictionary<string, object?> Changed)
    {
        /// <summary>Differences between two firings of one trigger: the actor's own id and the moment may differ, nothing else.</summary>
        public IEnumerable<string> Compare(Writes other)
        {
            if (Succeeded != other.Succeeded)
            {
                yield return $"one firing succeeded and the other did not ({Succeeded} / {other.Succeeded})";
            }
            foreach (var table in RowsAdded.Keys.Union(other.RowsAdded.Keys).Order(StringComparer.Ordinal))
            {
                if (RowsAdded.GetValueOrDefault(table) != other.RowsAdded.GetValueOrDefault(table))
                {
                    yield return $"table {table} gained {RowsAdded.GetValueOrDefault(table)} rows one way and {other.RowsAdded.GetValueOrDefault(table)} the other";
                }
            }
            foreach (var column in Changed.Keys.Union(other.Changed.Keys).Order(StringComparer.Ordinal))
            {
                var mine = Changed.GetValueOrDefault(column);
                var theirs = other.Changed.GetValueOrDefault(column);
                if (!Changed.ContainsKey(column) || !other.Changed.ContainsKey(column))
                {
                    yield return $"column {column} written only {(Changed.ContainsKey(column) ? "by the timer" : "by the other")}";
                }
                else if (column.EndsWith("UserId", StringComparison.Ordinal))
                {
                    if (!Equals(mine, ActorId) || !Equals(theirs, other.ActorId))
                    {
                        yield return $"column {column} does not name who fired it ({mine} / {theirs})";
                    }
                }
                else if (mine is not DateTimeOffset && !Equals(mine, theirs))
                {
                    yield return $"column {column} is {Describe(mine)} one way and {Describe(theirs)} the other";
                }
            }
        }

        public IEnumerable<string> Nothing() =>
            RowsAdded.Select(t => $"table {t.Key} changed by {t.Value} rows")
                .Concat(Changed.Select(c => $"column {c.Key} changed to {Describe(c.Value)}"));

        private static string Describe(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";
    }
}
