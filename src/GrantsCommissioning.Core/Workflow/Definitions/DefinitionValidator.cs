using System.Reflection;
using System.Xml;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Email;

namespace GrantsCommissioning.Core.Workflow.Definitions;

/// <summary>The consistency rules a definition must meet beyond its schema; each problem is one readable sentence.</summary>
public static class DefinitionValidator
{
    public static IReadOnlyList<string> Validate(WorkflowDefinition d, EmailTemplates templates, Type? caseType)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(templates);
        var p = new List<string>();
        var states = d.States.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var dup in d.States.GroupBy(s => s.Name).Where(g => g.Count() > 1))
        {
            p.Add($"state '{dup.Key}' is listed more than once.");
        }
        if (!states.Contains(d.InitialState))
        {
            p.Add($"initial state '{d.InitialState}' is not one of the states.");
        }
        foreach (var start in d.StartStates.Where(s => !states.Contains(s)))
        {
            p.Add($"start state '{start}' is not one of the states.");
        }
        CheckTransitions(d, states, p);
        CheckTerminalAndReachable(d, states, p);
        CheckTimers(d, caseType, states, p);
        CheckDelegation(d, p);
        CheckNotifications(d, templates, p);
        return p;
    }

    private static void CheckTransitions(WorkflowDefinition d, HashSet<string> states, List<string> p)
    {
        foreach (var t in d.Transitions)
        {
            foreach (var from in t.From.Where(f => !states.Contains(f)))
            {
                p.Add($"transition '{t.Trigger}' starts from unknown state '{from}'.");
            }
            if (!states.Contains(t.To))
            {
                p.Add($"transition '{t.Trigger}' goes to unknown state '{t.To}'.");
            }
            foreach (var role in t.Roles.Where(r => !IsKnownRole(r)))
            {
                p.Add($"transition '{t.Trigger}' names unknown role '{role}'.");
            }
        }
        foreach (var dup in d.Transitions.SelectMany(t => t.From.Select(f => (From: f, t.Trigger))).GroupBy(x => x).Where(g => g.Count() > 1))
        {
            p.Add($"trigger '{dup.Key.Trigger}' is defined more than once from state '{dup.Key.From}'.");
        }
    }

    private static void CheckTerminalAndReachable(WorkflowDefinition d, HashSet<string> states, List<string> p)
    {
        foreach (var s in d.States)
        {
            var exits = d.Transitions.Where(t => t.From.Contains(s.Name)).ToList();
            if (s.Terminal && exits.Count > 0)
            {
                p.Add($"terminal state '{s.Name}' has exits ({string.Join(", ", exits.Select(t => t.Trigger))}); a terminal state has none.");
            }
            if (!s.Terminal && exits.Count == 0)
            {
                p.Add($"state '{s.Name}' has no exits; mark it terminal or add a transition out of it.");
            }
        }
        if (!states.Contains(d.InitialState))
        {
            return;
        }
        var reached = new HashSet<string>(d.StartStates.Where(states.Contains).Append(d.InitialState), StringComparer.Ordinal);
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var s))
        {
            foreach (var t in d.Transitions.Where(t => t.From.Contains(s) && reached.Add(t.To)))
            {
                queue.Enqueue(t.To);
            }
        }
        foreach (var s in d.States.Where(s => !reached.Contains(s.Name)))
        {
            p.Add($"state '{s.Name}' cannot be reached from the initial state '{d.InitialState}'{(d.StartStates.Count > 0 ? " or a start state" : "")}.");
        }
    }

    private static void CheckTimers(WorkflowDefinition d, Type? caseType, HashSet<string> states, List<string> p)
    {
        if (caseType is null)
        {
            p.Add($"case kind '{d.CaseKind}' is not registered by any feature.");
            return;
        }
        foreach (var timer in d.Timers)
        {
            var name = $"timer '{timer.Trigger}' in state '{timer.State}'";
            if (!states.Contains(timer.State))
            {
                p.Add($"{name} refers to unknown state '{timer.State}'.");
                continue;
            }
            var transition = d.FindTransition(timer.State, timer.Trigger);
            if (transition is null)
            {
                p.Add($"{name} fires '{timer.Trigger}', which is not allowed from state '{timer.State}'.");
            }
            else if (!transition.Roles.Contains(Actor.SystemRole))
            {
                p.Add($"{name} fires '{timer.Trigger}', whose roles do not include {Actor.SystemRole}.");
            }
            if ((timer.After is null) == (timer.Field is null))
            {
                p.Add($"{name} needs exactly one of 'after' or 'field'.");
            }
            foreach (var (label, value) in new[] { ("after", timer.After), ("offset", timer.Offset) })
            {
                if (value is not null && !TryParseDuration(value, out _))
                {
                    p.Add($"{name} has {label} '{value}', which is not an ISO-8601 duration (e.g. P14D, -P7D, PT12H).");
                }
            }
            if (timer.Field is not null && CaseDates.Property(caseType, timer.Field) is null)
            {
                p.Add($"{name} uses field '{timer.Field}', which is not a date on {caseType.Name}.");
            }
        }
    }

    private static void CheckDelegation(WorkflowDefinition d, List<string> p)
    {
        foreach (var limit in d.Delegation.Where(l => !IsKnownRole(l.Role)))
        {
            p.Add($"delegation limit names unknown role '{limit.Role}'.");
        }
        foreach (var t in d.Transitions.Where(t => t.Limits != LimitKind.None))
        {
            foreach (var role in t.Roles.Where(r => d.Delegation.All(l => l.Role != r)))
            {
                p.Add($"transition '{t.Trigger}' is limited by the Scheme of Delegation but role '{role}' has no delegation limit.");
            }
        }
        var guarded = d.Transitions.Any(t => t.Guards.Contains("approvalsComplete"));
        if (guarded != (d.Approvals.Count > 0))
        {
            p.Add(guarded
                ? "a transition uses the guard 'approvalsComplete' but the definition lists no approvals."
                : "the definition lists approvals but no transition uses the guard 'approvalsComplete', so nothing would wait for them.");
        }
        foreach (var post in d.Approvals.GroupBy(a => a.Post, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            p.Add($"the approval of '{post.Key}' is listed more than once.");
        }
    }

    private static void CheckNotifications(WorkflowDefinition d, EmailTemplates templates, List<string> p)
    {
        var all = d.States.SelectMany(s => s.Notify.Select(n => (Where: $"state '{s.Name}'", n)))
            .Concat(d.Transitions.SelectMany(t => t.Notify.Select(n => (Where: $"transition '{t.Trigger}'", n))));
        foreach (var (where, n) in all)
        {
            if (!templates.Exists(n.Template))
            {
                p.Add($"{where} sends email template '{n.Template}', which does not exist in {templates.Directory}.");
                continue;
            }
            foreach (var field in templates.Placeholders(n.Template).Where(f => !NotificationValues.Known.Contains(f)))
            {
                p.Add($"email template '{n.Template}' (sent by {where}) uses {{{{{field}}}}}, which the workflow does not supply.");
            }
            foreach (var to in n.To.Where(r => r.StartsWith("role:", StringComparison.Ordinal) && !IsKnownRole(r[5..])))
            {
                p.Add($"{where} sends '{n.Template}' to unknown role '{to[5..]}'.");
            }
        }
    }

    private static bool IsKnownRole(string role) => role == Actor.SystemRole || Roles.All.Contains(role);

    public static bool TryParseDuration(string value, out TimeSpan duration)
    {
        try
        {
            duration = XmlConvert.ToTimeSpan(value);
            return true;
        }
        catch (FormatException)
        {
            duration = default;
            return false;
        }
        catch (OverflowException)
        {
            duration = default;
            return false;
        }
    }
}

/// <summary>Reads the date fields of a case that timers are anchored to.</summary>
public static class CaseDates
{
    public static PropertyInfo? Property(Type caseType, string name)
    {
        ArgumentNullException.ThrowIfNull(caseType);
        var property = caseType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance);
        var type = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type == typeof(DateOnly) || type == typeof(DateTimeOffset) ? property : null;
    }
}
