using GrantsCommissioning.Core.Features.Api;
using GrantsCommissioning.Core.Features.Staff;
using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Assessments;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.Core.Features.Retention;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Features.Rounds;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Features.Transparency;
using GrantsCommissioning.Core.Features.TwoStage;
using GrantsCommissioning.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features;

internal static class FeatureServiceCollectionExtensions
{
    public static IServiceCollection AddFeatureServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        services.AddSingleton<AuditKey>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditAnchor>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<AuditStartup>();
        services.AddHostedService<AuditAnchorService>();
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<DemoLoaders>();
        services.AddApplications();
        services.AddDecisions();
        services.AddAwards();
        services.AddPayments();
        services.AddPaymentRuns();
        services.AddFunds();
        services.AddReturns();
        services.AddMonitoring();
        services.AddDecisionNotices();
        services.AddRounds();
        services.AddTwoStage();
        services.AddAssessments();
        services.AddPanelReporting();
        services.AddStaff();
        services.AddTransparency();
        services.AddApi();
        services.AddRetention();
        services.AddSingleton<Accounts.AccountClosure>();
        services.AddSingleton<Accounts.PersonalDataExport>();
        services.AddSingleton<Health.HealthCheck>();
        services.AddSingleton<ObjectiveRollUp>();
        services.AddSingleton<FigureDrillDown>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<ApplicationSearch>();
        services.AddSingleton<AdminAndApplicantQueries>();
        services.AddSingleton<Cases.CaseQueries>();
        services.AddOptions<Attachments.AttachmentOptions>().BindSettings(configuration, Attachments.AttachmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Attachments.AttachmentStore>();
        services.AddSingleton<PublicQueries>();
        services.AddSingleton<RoundQueries>();
        services.AddOrganisations();
        services.AddSingleton<Applicants.ApplicantTrackService>();
        return services;
    }
}
