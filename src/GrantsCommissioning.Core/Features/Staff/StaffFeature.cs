using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace GrantsCommissioning.Core.Features.Staff;

public static class StaffFeature
{
    public static IServiceCollection AddStaff(this IServiceCollection services) => services
        .AddSingleton<IValidator<StaffInviteInput>, StaffInviteInputValidator>()
        .AddSingleton<IValidator<StaffRolesInput>, StaffRolesInputValidator>()
        .AddSingleton<StaffAdministration>();
}
