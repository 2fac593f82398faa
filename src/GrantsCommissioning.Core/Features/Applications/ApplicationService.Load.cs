using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Applications;

/// <summary>
/// The application with everything a page shows, read by every page of the form and by the review page on each visit and
/// each submit, so its statements are compiled queries: EF Core's explicit loader and a LINQ query each rebuild, check
/// and look up their query on every call (the many-to-many loader by reflection), which was half of a review page's CPU.
/// Every statement is tracked, so the context fixes the rows up into the application's collections as loading them would,
/// and a section's save changes them in place. The collections are not marked as loaded: nothing here loads lazily or
/// asks, and marking them cost a change scan of each collection (6% of a review page's CPU).
/// </summary>
public sealed partial class ApplicationService
{
    private static readonly CompiledPerModel<Func<GrantsDbContext, int, string, CancellationToken, Task<GrantApplication?>>> ApplicationForMember = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int applicationId, string userId, CancellationToken ct) => db.Applications
            .Where(a => a.Id == applicationId && db.OrganisationMembers.Any(m => m.OrganisationId == a.OrganisationId && m.UserId == userId))
            .Include(a => a.Round!)
            .Include(a => a.Organisation)
            .FirstOrDefault()));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<ApplicationBudgetLine>>> BudgetLinesOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int applicationId) => db.ApplicationBudgetLines.Where(l => l.ApplicationId == applicationId)));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<ApplicationObjective>>> SharesOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int applicationId) => db.ApplicationObjectives.Where(o => o.ApplicationId == applicationId)));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<ApplicationIndicator>>> IndicatorsOf = new(() => EF.CompileAsyncQuery<GrantsDbContext, int, ApplicationIndicator>(
        (GrantsDbContext db, int applicationId) => db.ApplicationIndicators.Where(i => i.ApplicationId == applicationId).OrderBy(i => i.Id)));

    // Every application page lists all the national priorities (the review page on each submission), so compiled.
    private static readonly CompiledPerModel<Func<GrantsDbContext, IAsyncEnumerable<NationalPriority>>> AllPriorities = new(() => EF.CompileAsyncQuery<GrantsDbContext, NationalPriority>(
        (GrantsDbContext db) => db.NationalPriorities.AsNoTracking().OrderBy(p => p.Id)));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, CancellationToken, Task<FundingRound?>>> RoundById = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int roundId, CancellationToken ct) => db.Rounds.FirstOrDefault(r => r.Id == roundId)));

    // A many-to-many collection is its link rows and the rows they point to; with both tracked, the context fills it.
    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<Dictionary<string, object>>>> PriorityLinksOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int applicationId) => db.Set<Dictionary<string, object>>("ApplicationNationalPriorities")
            .Where(l => EF.Property<int>(l, "GrantApplicationId") == applicationId)));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<NationalPriority>>> PrioritiesOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int applicationId) => db.NationalPriorities.Where(p => db.Set<Dictionary<string, object>>("ApplicationNationalPriorities")
            .Any(l => EF.Property<int>(l, "GrantApplicationId") == applicationId && EF.Property<int>(l, "NationalPrioritiesId") == p.Id))));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<Dictionary<string, object>>>> RoundObjectiveLinksOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int roundId) => db.Set<Dictionary<string, object>>("RoundObjectives")
            .Where(l => EF.Property<int>(l, "FundingRoundId") == roundId)));

    private static readonly CompiledPerModel<Func<GrantsDbContext, int, IAsyncEnumerable<PlanObjective>>> RoundObjectivesOf = new(() => EF.CompileAsyncQuery(
        (GrantsDbContext db, int roundId) => db.Objectives.Where(o => db.Set<Dictionary<string, object>>("RoundObjectives")
            .Any(l => EF.Property<int>(l, "FundingRoundId") == roundId && EF.Property<int>(l, "ObjectivesId") == o.Id))));

    /// <summary>
    /// Loads the application with everything a page shows, only if the actor belongs to its organisation: one query for
    /// the application, its round and organisation behind the membership check, then each collection by its key
    /// (simple statements; a split query repeated the joins and the check in every one of them).
    /// </summary>
    private static async Task<GrantApplication?> LoadAsync(GrantsDbContext db, int applicationId, Actor actor, CancellationToken ct)
    {
        // One connection open for all the statements, not one each.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var application = await ApplicationForMember.For(db)(db, applicationId, actor.UserId, ct);
            if (application is null)
            {
                return null;
            }
            var round = application.Round!;
            await TrackAnswersAsync(db, application.Id, ct);
            await TrackAllAsync(PriorityLinksOf.For(db)(db, application.Id), ct);
            await TrackAllAsync(PrioritiesOf.For(db)(db, application.Id), ct);
            await TrackAllAsync(RoundObjectiveLinksOf.For(db)(db, round.Id), ct);
            await TrackAllAsync(RoundObjectivesOf.For(db)(db, round.Id), ct);
            return application;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// What submitting checks again inside its transaction, for an application the context already tracks: its round, its
    /// budget lines, its objective shares and its indicators, read as they are now through the compiled queries above
    /// (the explicit loaders rebuilt and looked up their queries on every submission: about 5% of bench B3's CPU).
    /// </summary>
    internal static async Task LoadForSubmitChecksAsync(GrantsDbContext db, GrantApplication application, CancellationToken ct)
    {
        await RoundById.For(db)(db, application.RoundId, ct);
        await TrackAnswersAsync(db, application.Id, ct);
    }

    /// <summary>The answers the section rules check: budget lines, objective shares and indicators.</summary>
    private static async Task TrackAnswersAsync(GrantsDbContext db, int applicationId, CancellationToken ct)
    {
        await TrackAllAsync(BudgetLinesOf.For(db)(db, applicationId), ct);
        await TrackAllAsync(SharesOf.For(db)(db, applicationId), ct);
        await TrackAllAsync(IndicatorsOf.For(db)(db, applicationId), ct);
    }

    private static async Task TrackAllAsync<T>(IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        await foreach (var _ in rows.WithCancellation(ct))
        {
            // Tracked as read: the context fixes each row up into the navigation it belongs to.
        }
    }
}
