using GrantsCommissioning.Core.Features.Applications;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Features.Awards;
using GrantsCommissioning.Core.Features.Dashboards;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Features.Organisations;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Core.Features.Public;
using GrantsCommissioning.Core.Features.Reports;
using GrantsCommissioning.Core.Features.Returns;
using GrantsCommissioning.Core.Features.Seeding;
using GrantsCommissioning.Core.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features;

internal static class FeatureServiceCollectionExtensions
{
    public static IServiceCollection AddFeatureServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<DecisionService>();
        services.AddSingleton<AwardService>();
        services.AddSingleton<PaymentService>();
        services.AddSingleton<PayeeBankDetails>();
        services.AddSingleton<Accounts.AccountClosure>();
        services.AddSingleton<OrganisationMembers>();
        services.AddSingleton<ReturnService>();
        services.AddSingleton<ObjectiveRollUp>();
        services.AddSingleton<DashboardQueries>();
        services.AddSingleton<ApplicationSearch>();
        services.AddSingleton<AdminAndApplicantQueries>();
        services.AddSingleton<Cases.CaseQueries>();
        services.AddSingleton<Cases.CaseEffects>();
        services.AddOptions<Attachments.AttachmentOptions>().BindSettings(configuration, Attachments.AttachmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Attachments.AttachmentStore>();
        services.AddSingleton<PublicQueries>();
        services.AddSingleton<RoundQueries>();
        services.AddSingleton<OrganisationService>();
        services.AddSingleton<ApplicationService>();
        services.AddSingleton<Applicants.ApplicantTrackService>();
        return services;
    }
}
