using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Organisations;

public static class OrganisationsFeature
{
    public static IServiceCollection AddOrganisations(this IServiceCollection services) => services
        .AddSingleton<IValidator<OrganisationInput>, OrganisationInputValidator>()
        .AddSingleton<IValidator<BankDetailsInput>, BankDetailsInputValidator>()
        .AddSingleton<IValidator<InviteInput>, InviteInputValidator>()
        .AddSingleton<OrganisationService>()
        .AddSingleton<OrganisationMembers>();
}
