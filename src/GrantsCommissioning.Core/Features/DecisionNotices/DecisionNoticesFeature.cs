using FluentValidation;
using GrantsCommissioning.Core.Workflow.Kinds;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

public static class DecisionNoticesFeature
{
    public static IServiceCollection AddDecisionNotices(this IServiceCollection services) => services
        .AddCaseKind<DecisionNoticeCaseKind>()
        .AddTransitionHandler<SubmitForAdviceHandler>()
        .AddTransitionHandler<NoteAdviceHandler>()
        .AddTransitionHandler<SignHandler>()
        .AddTransitionHandler<PublishHandler>()
        .AddTransitionHandler<SendBackHandler>()
        .AddSingleton<IValidator<NoticeDraft>, NoticeDraftValidator>()
        .AddSingleton<IValidator<NoticeAdvice>, NoticeAdviceValidator>()
        .AddSingleton<IValidator<NoticeSignature>, NoticeSignatureValidator>()
        .AddSingleton<DecisionNoticeService>()
        .AddSingleton<NoticeRegister>();
}
