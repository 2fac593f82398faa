using FluentValidation.Results;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using static GrantsCommissioning.Core.Features.Applications.ApplicationFormValues;

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
            var validation = Form(a).Validate(forms.Project, input);
            if (validation.IsValid)
            {
                a.ProjectTitle = Text(input.ProjectTitle);
                a.Summary = TextOrNull(input.Summary);
                a.ProjectStart = Date(input.ProjectStart);
                a.ProjectEnd = Date(input.ProjectEnd);
                if (a.Round!.UsesShortForm)
                {
                    a.AmountRequestedPence = Amount(input.AmountRequested)?.Pence ?? 0;
                }
            }
            return Task.FromResult(validation);
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveBudgetAsync(int applicationId, BudgetInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Budget, complete, (db, a) =>
        {
            var validation = Form(a).Validate(forms.Budget, input);
            if (validation.IsValid)
            {
                var lines = BudgetInputValidator.Filled(input.Lines)
                    .Select((row, at) => new ApplicationBudgetLine
                    {
                        Order = at + 1, Description = Text(row.Description), Category = Text(row.Category), AmountPence = Amount(row.Amount)?.Pence ?? 0,
                    })
                    .ToList();
                db.ApplicationBudgetLines.RemoveRange(a.BudgetLines);
                a.BudgetLines.Clear();
                a.BudgetLines.AddRange(lines);
                a.AmountRequestedPence = lines.Sum(l => l.AmountPence);
            }
            return Task.FromResult(validation);
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveOutcomesAsync(int applicationId, OutcomesInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Outcomes, complete, async (db, a) =>
        {
            var priorityIds = await db.NationalPriorities.Select(p => p.Id).ToListAsync(ct);
            var validation = new ApplicationFormContext(a.Round!, priorityIds.ToHashSet()).Validate(forms.Outcomes, input);
            if (!validation.IsValid)
            {
                return validation;
            }
            var shares = a.Round!.UsesShortForm
                ? Id(input.SingleObjectiveId) is { } single ? new Dictionary<int, int> { [single] = 100 } : []
                : (input.Objectives ?? []).Where(r => Share(r.Share) > 0).GroupBy(r => r.ObjectiveId).ToDictionary(g => g.Key, g => Share(g.Last().Share)!.Value);
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
            a.Indicators.AddRange((input.Indicators ?? [])
                .Where(r => !(IsBlank(r.Name) && IsBlank(r.Unit) && IsBlank(r.Target)))
                .Select(r => new ApplicationIndicator { Name = Text(r.Name), Unit = Text(r.Unit), Target = Target(r.Target) ?? 0, ObjectiveId = Id(r.ObjectiveId) }));
            var chosen = (input.Priorities ?? []).Where(p => p.Selected).Select(p => p.Id).Distinct().ToList();
            var priorities = await db.NationalPriorities.Where(p => chosen.Contains(p.Id)).ToListAsync(ct);
            a.NationalPriorities.RemoveAll(p => !chosen.Contains(p.Id));
            a.NationalPriorities.AddRange(priorities.Where(p => !a.NationalPriorities.Contains(p)).ToList());
            return validation;
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveBeneficiariesAsync(int applicationId, BeneficiariesInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Beneficiaries, complete, (_, a) =>
        {
            var validation = Form(a).Validate(forms.Beneficiaries, input);
            if (validation.IsValid)
            {
                a.Beneficiaries = TextOrNull(input.Beneficiaries);
                a.BeneficiaryCount = Count(input.BeneficiaryCount);
                a.AreaServed = TextOrNull(input.AreaServed);
            }
            return Task.FromResult(validation);
        }, ct);

    public Task<FeatureResult<DateTimeOffset>> SaveDeclarationsAsync(int applicationId, DeclarationsInput input, Actor actor, bool complete, CancellationToken ct = default) =>
        SaveAsync(applicationId, actor, ApplicationSections.Declarations, complete, (_, a) =>
        {
            a.DeclarationsAccepted = input.Accept;
            return Task.FromResult(new ValidationResult());
        }, ct);

    private static ApplicationFormContext Form(GrantApplication a) => new(a.Round!, new HashSet<int>());

    private async Task<FeatureResult<DateTimeOffset>> SaveAsync(int applicationId, Actor actor, string section, bool complete,
        Func<GrantsDbContext, GrantApplication, Task<ValidationResult>> apply, CancellationToken ct)
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
                var application = await LoadAsync(db, applicationId, actor, ct);
                if (application is null)
                {
                    return FeatureResult<DateTimeOffset>.Fail(new NotFound("application"));
                }
                if (application.State != ApplicationStates.Draft)
                {
                    return FeatureResult<DateTimeOffset>.Fail(new NoLongerPossible("application", "changed", "it has been submitted."));
                }
                var validation = await apply(db, application);
                if (!validation.IsValid)
                {
                    return FeatureResult<DateTimeOffset>.Invalid(validation);
                }
                if (complete && ApplicationRules.Section(application, application.Round!, section) is { Count: > 0 } incomplete)
                {
                    return FeatureResult<DateTimeOffset>.Fail(incomplete);
                }
                var now = clock.GetUtcNow();
                application.UpdatedAt = now;
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return FeatureResult<DateTimeOffset>.Ok(now);
            }
        }
    }
}
