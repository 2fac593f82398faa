using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GrantsCommissioning.Core.Features.Seeding;

public sealed record SeedReport(IReadOnlyList<string> Files, int RecordsAdded);

public sealed record DemoSignIn(string Email, string Name, string? JobTitle, IReadOnlyList<string> Roles);

public sealed record DemoSignIns(string Password, IReadOnlyList<DemoSignIn> Users);

/// <summary>
/// Loads seed-data/ into the database. Every file is loaded in its own transaction and keyed on natural keys
/// (plan code and version, fund code, round and case references), so loading twice changes nothing. Every start loads
/// the reference data; the demo loaders and the services they go through (<see cref="DemoLoaders"/>) are built only when
/// the demo data is loaded, so a server without demo data does not construct them at start-up (bench B7).
/// </summary>
public sealed partial class SeedLoader(
    IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, ILogger<SeedLoader> logger, IServiceProvider services)
{
    public Task<SeedReport> LoadReferenceDataAsync(CancellationToken ct = default) =>
        LoadAsync(
            [
                .. FilesMatching("reference", "plan-*.json").Select(f => (f, (Loader)ReferenceDataLoader.LoadPlanAsync)),
                ("reference/national-priorities.json", ReferenceDataLoader.LoadPrioritiesAsync),
                ("reference/funds.json", ReferenceDataLoader.LoadFundsAsync),
            ],
            ct);

    public async Task<SeedReport> LoadDemoDataAsync(CancellationToken ct = default)
    {
        var demo = services.GetRequiredService<DemoLoaders>();
        var report = await LoadDemoFilesAsync(demo, ct);
        // The finance demo goes through the finance services (each its own transaction), so after the files above.
        var finance = await demo.PaymentRuns.LoadAsync(ct);
        if (finance > 0)
        {
            report = new SeedReport([.. report.Files, "seed-data/" + PaymentRuns.PaymentRunDemoLoader.FileName], report.RecordsAdded + finance);
        }
        var funds = await demo.Funds.LoadAsync(ct);
        report = funds == 0 ? report : new SeedReport([.. report.Files, "seed-data/" + Funds.FundDemoLoader.FileName], report.RecordsAdded + funds);
        var schedules = await demo.Schedules.LoadAsync(ct);
        report = schedules == 0 ? report : new SeedReport([.. report.Files, "seed-data/" + Payments.ScheduleDemoLoader.FileName], report.RecordsAdded + schedules);
        var moves = await demo.FundingLines.LoadAsync(ct);
        report = moves == 0 ? report : new SeedReport([.. report.Files, "seed-data/" + Assessments.FundingLineDemoLoader.FileName], report.RecordsAdded + moves);
        var questions = await demo.InformationRequests.LoadAsync(ct);
        report = questions == 0 ? report : new SeedReport([.. report.Files, "seed-data/" + Applications.InformationRequestDemoLoader.FileName], report.RecordsAdded + questions);
        var interests = await demo.Interests.LoadAsync(ct);
        report = interests == 0 ? report : new SeedReport([.. report.Files, "seed-data/" + TwoStage.InterestDemoLoader.FileName], report.RecordsAdded + interests);
        // The demo opens with a dry-run retention report (as a scheduled run would leave), made once; nothing is removed until an administrator approves it.
        if (await demo.Retention.LatestRunAsync(ct) is null)
        {
            await demo.Retention.CreateReportAsync(Workflow.Actor.System, ct);
        }
        return report;
    }

    private Task<SeedReport> LoadDemoFilesAsync(DemoLoaders demo, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return LoadAsync(
            [
                ("demo/organisations.json", (db, file, c) => new DemoDataLoader(db, demo.Workflow, file, now).LoadOrganisationsAsync(c)),
                .. FilesMatching("demo", "cases-*.json").Select(f =>
                    (f, (Loader)((db, file, c) => new DemoDataLoader(db, demo.Workflow, file, now, demo.Timetable).LoadCasesAsync(c)))),
                ("demo/decision-notices.json", (db, file, c) => new DecisionNotices.DecisionNoticeDemoLoader(db, demo.Workflow, file, now).LoadAsync(c)),
                .. FilesMatching("demo", "rounds-*.json").Select(f =>
                    (f, (Loader)((db, file, c) => new Rounds.DemoRoundLoader(db, file, now).LoadAsync(c)))),
                ("demo/panel-reports.json", (db, file, c) => new Panel.PanelDemoLoader(db, file, demo.PanelReports).LoadAsync(c)),
                ("demo/sensitive-recipients.json", (db, file, c) => new Transparency.TransparencyDemoLoader(db, file, demo.SensitiveRecipients).LoadAsync(c)),
                ("demo/monitoring.json", (db, file, c) => new Monitoring.MonitoringDemoLoader(db, demo.Workflow, file, demo.MonitoringOptions).LoadAsync(c)),
                ("demo/api-tokens.json", (db, file, c) => new Api.ApiTokenDemoLoader(db, file, now).LoadAsync(c)),
                ("demo/retention.json", (db, file, c) => new Retention.RetentionDemoLoader(db, file, now).LoadAsync(c)),
                .. FilesMatching("demo", "assessments*.json").Select(f =>
                    (f, (Loader)((db, file, c) => new Assessments.DemoAssessmentLoader(db, file, now).LoadAsync(c)))),
                ("demo/approvals.json", (db, file, c) => new Decisions.ApprovalDemoLoader(db, demo.Registry, file, now).LoadAsync(c)),
            ],
            ct);
    }

    public DemoSignIns ReadDemoSignIns()
    {
        var file = SeedFile.At(paths.SeedDataPath.Value, "demo/users.json", Today);
        var seed = file.Read<UsersSeed>();
        file.Check(seed.Password.Length >= 12, "the demo password must be at least 12 characters");
        foreach (var u in seed.Users)
        {
            file.Check(u.Roles.Count > 0 && u.Roles.All(Domain.Roles.All.Contains), $"user {u.Email} has a role that is not one of {string.Join(", ", Domain.Roles.All)}");
        }
        return new DemoSignIns(seed.Password, seed.Users.Select(u => new DemoSignIn(u.Email, u.Name, u.JobTitle, u.Roles)).ToList());
    }

    private delegate Task<int> Loader(GrantsDbContext db, SeedFile file, CancellationToken ct);

    private DateOnly Today => Domain.UkTime.ToUkDate(clock.GetUtcNow());

    private IEnumerable<string> FilesMatching(string folder, string pattern)
    {
        var dir = Path.Combine(paths.SeedDataPath.Value, folder);
        return Directory.Exists(dir)
            ? Directory.GetFiles(dir, pattern).Order(StringComparer.Ordinal).Select(f => $"{folder}/{Path.GetFileName(f)}")
            : [];
    }

    private async Task<SeedReport> LoadAsync(IReadOnlyList<(string File, Loader Load)> steps, CancellationToken ct)
    {
        var added = 0;
        var files = new List<string>();
        foreach (var (relative, load) in steps)
        {
            var file = SeedFile.At(paths.SeedDataPath.Value, relative, Today);
            if (!file.Exists)
            {
                throw file.Problem("is missing");
            }
            var db = await factory.CreateDbContextAsync(ct);
            await using (db)
            {
                var transaction = await db.Database.BeginTransactionAsync(ct);
                await using (transaction)
                {
                    var count = await load(db, file, ct);
                    await transaction.CommitAsync(ct);
                    if (count > 0)
                    {
                        LogLoaded(logger, count, file.DisplayName);
                    }
                    added += count;
                    files.Add(file.DisplayName);
                }
            }
        }
        return new SeedReport(files, added);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} record(s) from {File}")]
    private static partial void LogLoaded(ILogger logger, int count, string file);
}

/// <summary>What loading the demo data goes through: the workflow, and the services and loaders of the features that have demo data.</summary>
public sealed record DemoLoaders(
    ICaseWorkflow Workflow, WorkflowRegistry Registry, Monitoring.ReturnTimetable Timetable, Panel.PanelReportService PanelReports,
    Transparency.SensitiveRecipients SensitiveRecipients, Microsoft.Extensions.Options.IOptions<Monitoring.MonitoringOptions> MonitoringOptions,
    PaymentRuns.PaymentRunDemoLoader PaymentRuns, Funds.FundDemoLoader Funds, Payments.ScheduleDemoLoader Schedules,
    Assessments.FundingLineDemoLoader FundingLines, Applications.InformationRequestDemoLoader InformationRequests,
    TwoStage.InterestDemoLoader Interests, Retention.RetentionService Retention);
