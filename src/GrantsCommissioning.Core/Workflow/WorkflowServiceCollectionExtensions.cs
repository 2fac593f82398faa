using GrantsCommissioning.Core.Configuration;
using GrantsCommissioning.Core.Email;
using GrantsCommissioning.Core.Workflow.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace GrantsCommissioning.Core.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The workflow runtime, email outbox and their Quartz jobs (ADO job store: its own SQLite file, or clustered in the
    /// app's PostgreSQL database when Grants:Database:Provider is Postgres).
    /// </summary>
    public static IServiceCollection AddWorkflowRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().BindSettings(configuration, EmailOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.AddOptions<WorkflowOptions>().BindSettings(configuration, WorkflowOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowOptions>, WorkflowOptionsValidator>();

        services.AddSingleton<EmailTemplates>();
        services.AddSingleton<IOutbox, Outbox>();
        services.AddSingleton<IMailTransport>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>();
            return options.Value.Mode == EmailMode.Smtp
                ? new SmtpMailTransport(options)
                : new PickupMailTransport(PickupDirectory(options.Value, sp.GetRequiredService<DataPaths>()));
        });
        services.AddSingleton<OutboxDispatcher>();

        services.AddSingleton<Kinds.CaseKinds>();
        services.AddSingleton<Kinds.TransitionHandlers>();
        services.AddSingleton<WorkflowLabels>();
        services.AddSingleton<WorkflowRegistry>();
        services.AddSingleton<Notifier>();
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton<ICaseWorkflow>(sp => sp.GetRequiredService<CaseWorkflow>());
        services.AddSingleton<IWorkflowDiagrams, WorkflowDiagrams>();
        services.AddSingleton<InProcessWorkflowSignals>();
        services.AddSingleton<IWorkflowSignals>(sp => sp.GetRequiredService<InProcessWorkflowSignals>());
        services.AddHostedService(sp => sp.GetRequiredService<InProcessWorkflowSignals>());
        services.AddSingleton<StartedCases>();
        services.AddSingleton<TimerMaterialiser>();
        services.AddSingleton<TimerFirer>();
        services.AddSingleton<QuartzDatabase>();
        services.AddSingleton<WorkflowStartup>();

        AddQuartz(services, configuration);
        return services;
    }

    internal static string PickupDirectory(EmailOptions options, DataPaths paths) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(options.PickupDirectory)
            ? Path.Combine(paths.DataDirectory, "mail-pickup")
            : Path.Combine(paths.DataDirectory, options.PickupDirectory));

    private static void AddQuartz(IServiceCollection services, IConfiguration configuration)
    {
        var timerPoll = SettingsBinding.WholeNumber(configuration, $"{WorkflowOptions.SectionName}:{nameof(WorkflowOptions.TimerPollSeconds)}") ?? 30;
        var mailPoll = SettingsBinding.WholeNumber(configuration, $"{EmailOptions.SectionName}:{nameof(EmailOptions.PollSeconds)}") ?? 30;
        var schedulerName = configuration[$"{WorkflowOptions.SectionName}:{nameof(WorkflowOptions.SchedulerName)}"] ?? new WorkflowOptions().SchedulerName;
        var shared = QuartzDatabase.IsShared(configuration);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = schedulerName);
            q.UsePersistentStore(store =>
            {
                if (shared)
                {
                    // PostgreSQL: Quartz's tables (qrtz_*, created by Quartz when missing) in the app's own database,
                    // clustered, so every node shares one schedule and each trigger fires on one node only; a node
                    // that stops checking in has its firings recovered by another.
                    store.UsePostgres(ds => ds.DataSourceFactory = sp =>
                        Npgsql.NpgsqlDataSource.Create(sp.GetRequiredService<DataPaths>().ConnectionString));
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(5);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(15);
                    });
                }
                else
                {
                    store.UseSqlite(ds => ds.DataSourceFactory = sp =>
                        Microsoft.Data.Sqlite.SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<QuartzDatabase>().ConnectionString));
                }
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            q.AddJob<MaterialiseTimersJob>(j => j.WithIdentity(WorkflowJobKeys.Materialise).StoreDurably());
            // Recovered: a firing cut short (its node killed) runs again, on another node when clustered; the firer
            // does nothing for a timer that is no longer pending, and the transition key "timer:<id>" allows one firing.
            q.AddJob<FireTimerJob>(j => j.WithIdentity(WorkflowJobKeys.FireTimer).StoreDurably().RequestRecovery());
            q.AddJob<DrainOutboxJob>(j => j.WithIdentity(WorkflowJobKeys.Outbox).StoreDurably());
            q.AddTrigger(t => t.WithIdentity("materialise-timers-poll", "workflow").ForJob(WorkflowJobKeys.Materialise).StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(Math.Max(1, timerPoll))).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            q.AddTrigger(t => t.WithIdentity("drain-outbox-poll", "email").ForJob(WorkflowJobKeys.Outbox).StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(TimeSpan.FromSeconds(Math.Max(1, mailPoll))).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
