using System.Globalization;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applications;

public sealed partial class ApplicationService
{
    public static readonly IReadOnlyList<string> BudgetCategories =
        ["Staff", "Volunteer expenses", "Equipment", "Venue hire", "Training", "Publicity", "Travel", "Other"];

    // Each save checks the format of what was sent; "save and continue" (complete: true) also needs the section complete.
    // On any error nothing is written. An autosave (complete: false) keeps an unfinished section as it stands.

    public Task<FeatureResult<DateTimeOffset>> SaveProjectAsync(int applicationId, ProjectInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Project, complete, (_, a) =>
        {
            var e = new Dictionary<string, string>();
            var title = Limit(e, nameof(input.ProjectTitle), input.ProjectTitle, ApplicationRules.TitleMax, "The title");
            var summary = Limit(e, nameof(input.Summary), input.Summary, ApplicationRules.SummaryMax, "The summary");
            var start = Date(e, nameof(input.ProjectStart), input.ProjectStart, "start");
            var end = Date(e, nameof(input.ProjectEnd), input.ProjectEnd, "end");
            if (start is not null && end is not null && end < start)
            {
                e[nameof(input.ProjectEnd)] = "The end date must be on or after the start date.";
            }
            Money? amount = null;
            if (a.Round!.UsesShortForm && !string.IsNullOrWhiteSpace(input.AmountRequested))
            {
                if (!Money.TryParse(input.AmountRequested, out var parsed) || parsed.Pence <= 0)
                {
                    e[nameof(input.AmountRequested)] = "Enter the amount in pounds, like 450 or 450.00.";
                }
                else if (ApplicationRules.AmountProblem(parsed, a.Round) is { } problem)
                {
                    e[nameof(input.AmountRequested)] = problem;
                }
                amount = parsed;
            }
            if (e.Count == 0)
            {
                a.ProjectTitle = title;
                a.Summary = Nullable(summary);
                a.ProjectStart = start;
                a.ProjectEnd = end;
                if (a.Round.UsesShortForm)
                {
                    a.AmountRequestedPence = amount?.Pence ?? 0;
                }
            }
            return Task.FromResult(e);
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveBudgetAsync(int applicationId, BudgetInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Budget, complete, (db, a) =>
        {
            var e = new Dictionary<string, string>();
            if (a.Round!.UsesShortForm)
            {
                e[""] = "This round uses the short form, which has no budget section.";
                return Task.FromResult(e);
            }
            var lines = new List<ApplicationBudgetLine>();
            var rows = input.Lines ?? [];
            for (var i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (string.IsNullOrWhiteSpace(row.Description) && string.IsNullOrWhiteSpace(row.Category) && string.IsNullOrWhiteSpace(row.Amount))
                {
                    continue;
                }
                var at = lines.Count;
                var description = Limit(e, $"Lines[{i}].Description", row.Description, 200, "The description");
                var category = (row.Category ?? "").Trim();
                if (category.Length > 0 && !BudgetCategories.Contains(category))
                {
                    e[$"Lines[{i}].Category"] = "Select a type of cost from the list.";
                }
                long pence = 0;
                if (!string.IsNullOrWhiteSpace(row.Amount))
                {
                    if (!Money.TryParse(row.Amount, out var amount) || amount.Pence <= 0)
                    {
                        e[$"Lines[{i}].Amount"] = "Enter the cost in pounds, like 1200 or 1,200.00.";
                    }
                    pence = amount.Pence;
                }
                lines.Add(new ApplicationBudgetLine { Order = at + 1, Description = description, Category = category, AmountPence = pence });
            }
            if (lines.Count > 50)
            {
                e["Lines"] = "A budget can have at most 50 lines; group smaller costs together.";
            }
            if (e.Count == 0)
            {
                db.ApplicationBudgetLines.RemoveRange(a.BudgetLines);
                a.BudgetLines.Clear();
                a.BudgetLines.AddRange(lines);
                a.AmountRequestedPence = lines.Sum(l => l.AmountPence);
            }
            return Task.FromResult(e);
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveOutcomesAsync(int applicationId, OutcomesInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Outcomes, complete, async (db, a) =>
        {
            var e = new Dictionary<string, string>();
            var allowed = a.Round!.Objectives.Select(o => o.Id).ToHashSet();
            var shares = new Dictionary<int, int>();
            if (a.Round.UsesShortForm)
            {
                if (!string.IsNullOrWhiteSpace(input.SingleObjectiveId))
                {
                    if (int.TryParse(input.SingleObjectiveId, NumberStyles.None, CultureInfo.InvariantCulture, out var single) && allowed.Contains(single))
                    {
                        shares[single] = 100;
                    }
                    else
                    {
                        e[nameof(input.SingleObjectiveId)] = "Select one of the plan objectives listed.";
                    }
                }
            }
            else
            {
                var rows = input.Objectives ?? [];
                for (var i = 0; i < rows.Count; i++)
                {
                    var text = (rows[i].Share ?? "").Trim().TrimEnd('%').Trim();
                    if (text.Length == 0)
                    {
                        continue;
                    }
                    if (!allowed.Contains(rows[i].ObjectiveId))
                    {
                        e["Objectives"] = "Link your project only to the plan objectives listed.";
                    }
                    else if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var share) || share > 100)
                    {
                        e[$"Objectives[{i}].Share"] = "Enter the share as a whole number from 0 to 100.";
                    }
                    else if (share > 0)
                    {
                        shares[rows[i].ObjectiveId] = share;
                    }
                }
            }
            var indicators = new List<ApplicationIndicator>();
            var indicatorRows = input.Indicators ?? [];
            for (var i = 0; i < indicatorRows.Count; i++)
            {
                var row = indicatorRows[i];
                if (string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrWhiteSpace(row.Unit) && string.IsNullOrWhiteSpace(row.Target))
                {
                    continue;
                }
                var name = Limit(e, $"Indicators[{i}].Name", row.Name, 200, "The indicator");
                var unit = Limit(e, $"Indicators[{i}].Unit", row.Unit, 50, "The unit");
                double target = 0;
                if (!string.IsNullOrWhiteSpace(row.Target)
                    && (!double.TryParse(row.Target.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out target)
                        || target <= 0 || double.IsInfinity(target)))
                {
                    e[$"Indicators[{i}].Target"] = "Enter the target as a number greater than 0, like 250.";
                }
                int? objectiveId = null;
                if (!string.IsNullOrWhiteSpace(row.ObjectiveId))
                {
                    if (int.TryParse(row.ObjectiveId, NumberStyles.None, CultureInfo.InvariantCulture, out var o) && allowed.Contains(o))
                    {
                        objectiveId = o;
                    }
                    else
                    {
                        e[$"Indicators[{i}].ObjectiveId"] = "Select one of the plan objectives listed.";
                    }
                }
                indicators.Add(new ApplicationIndicator { Name = name, Unit = unit, Target = target, ObjectiveId = objectiveId });
            }
            var priorityIds = (input.Priorities ?? []).Where(p => p.Selected).Select(p => p.Id).Distinct().ToList();
            var priorities = await db.NationalPriorities.Where(p => priorityIds.Contains(p.Id)).ToListAsync();
            if (priorities.Count != priorityIds.Count)
            {
                e["Priorities"] = "Select only the national priorities listed.";
            }
            if (e.Count == 0)
            {
                // Objective links and priorities are keyed by what they link to, so they are changed in place, not replaced.
                foreach (var link in a.Objectives.ToList())
                {
                    if (shares.Remove(link.ObjectiveId, out var share))
                    {
                        link.SharePercent = share;
                    }
                    else
                    {
                        a.Objectives.Remove(link);
                        db.ApplicationObjectives.Remove(link);
                    }
                }
                a.Objectives.AddRange(shares.Select(s => new ApplicationObjective { ObjectiveId = s.Key, SharePercent = s.Value }));
                db.ApplicationIndicators.RemoveRange(a.Indicators);
                a.Indicators.Clear();
                a.Indicators.AddRange(indicators);
                a.NationalPriorities.RemoveAll(p => !priorityIds.Contains(p.Id));
                a.NationalPriorities.AddRange(priorities.Where(p => !a.NationalPriorities.Contains(p)).ToList());
            }
            return e;
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveBeneficiariesAsync(int applicationId, BeneficiariesInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Beneficiaries, complete, (_, a) =>
        {
            var e = new Dictionary<string, string>();
            if (a.Round!.UsesShortForm)
            {
                e[""] = "This round uses the short form, which has no beneficiaries section.";
                return Task.FromResult(e);
            }
            var who = Limit(e, nameof(input.Beneficiaries), input.Beneficiaries, ApplicationRules.TextMax, "The description");
            var area = Limit(e, nameof(input.AreaServed), input.AreaServed, 200, "The area");
            int? count = null;
            if (!string.IsNullOrWhiteSpace(input.BeneficiaryCount))
            {
                if (int.TryParse(input.BeneficiaryCount.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                {
                    count = n;
                }
                else
                {
                    e[nameof(input.BeneficiaryCount)] = "Enter the number of people as a whole number, like 120.";
                }
            }
            if (e.Count == 0)
            {
                a.Beneficiaries = Nullable(who);
                a.BeneficiaryCount = count;
                a.AreaServed = Nullable(area);
            }
            return Task.FromResult(e);
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveDeclarationsAsync(int applicationId, DeclarationsInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Declarations, complete, (_, a) =>
        {
            a.DeclarationsAccepted = input.Accept;
            return Task.FromResult(new Dictionary<string, string>());
        }, ct);

    private async Task<FeatureResult<DateTimeOffset>> SaveAsync(int applicationId, Actor actor, string section, bool complete,
        Func<GrantsDbContext, GrantApplication, Task<Dictionary<string, string>>> apply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var db = await factory.CreateDbContextAsync(ct);
        await using (db)
        {
            // BEGIN IMMEDIATE: an autosave and a "Save and continue" posted together (a field loses focus as the button
            // is pressed) run one after the other, so the second replaces the first's rows instead of colliding with
            // them, and a submit cannot slip in between the Draft check and the save.
            var tx = await db.Database.BeginTransactionAsync(ct);
            await using (tx)
            {
                var application = await LoadAsync(db, applicationId, actor, tracking: true, ct);
                if (application is null)
                {
                    return FeatureResult<DateTimeOffset>.Fail(new NotFound("application"));
                }
                if (application.State != ApplicationStates.Draft)
                {
                    return FeatureResult<DateTimeOffset>.Fail(new NoLongerPossible("application", "changed", "it has been submitted."));
                }
                var errors = await apply(db, application);
                if (errors.Count == 0 && complete)
                {
                    errors = ApplicationRules.Section(application, application.Round!, section);
                }
                if (errors.Count > 0)
                {
                    return FeatureResult<DateTimeOffset>.Fail(errors);
                }
                var now = clock.GetUtcNow();
                application.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return FeatureResult<DateTimeOffset>.Ok(now);
            }
        }
    }

    private static string Limit(Dictionary<string, string> errors, string field, string? value, int max, string what)
    {
        var text = (value ?? "").Trim();
        if (text.Length > max)
        {
            errors[field] = $"{what} must be {max.ToString(CultureInfo.InvariantCulture)} characters or fewer (it has {text.Length.ToString(CultureInfo.InvariantCulture)}).";
        }
        return text;
    }

    private static string? Nullable(string text) => text.Length == 0 ? null : text;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d M yyyy", "d-M-yyyy"];

    private static DateOnly? Date(Dictionary<string, string> errors, string field, string? value, string which)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), DateFormats, CultureInfo.GetCultureInfo("en-GB"), DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }
        errors[field] = $"Enter a real {which} date, like 27/3/2026.";
        return null;
    }
}
