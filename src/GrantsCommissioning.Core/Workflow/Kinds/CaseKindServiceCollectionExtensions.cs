using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Workflow.Kinds;

public static class CaseKindServiceCollectionExtensions
{
    /// <summary>Registers a case kind; the runtime finds it through <see cref="CaseKinds"/>.</summary>
    public static IServiceCollection AddCaseKind<TKind>(this IServiceCollection services) where TKind : class, ICaseKind =>
        services.AddSingleton<ICaseKind, TKind>();

    /// <summary>Registers the domain writes of one or more triggers; the runtime runs them for every caller.</summary>
    public static IServiceCollection AddTransitionHandler<THandler>(this IServiceCollection services) where THandler : class, ITransitionHandler =>
        services.AddSingleton<ITransitionHandler, THandler>();
}
