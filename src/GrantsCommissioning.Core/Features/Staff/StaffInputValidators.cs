using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Staff;

public sealed class StaffInviteInputValidator : AbstractValidator<StaffInviteInput>
{
    public StaffInviteInputValidator()
    {
        RuleFor(i => (i.Name ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the person's full name.")
            .MaximumLength(100).WithMessage("The name must be 100 characters or fewer.")
            .OverridePropertyName(nameof(StaffInviteInput.Name));
        RuleFor(i => (i.Email ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the person's work email address.")
            .MaximumLength(256).WithMessage("The email address must be 256 characters or fewer.")
            .EmailAddress().WithMessage("Enter an email address in the correct format, like name@example.com.")
            .OverridePropertyName(nameof(StaffInviteInput.Email));
        RuleFor(i => (i.JobTitle ?? "").Trim()).MaximumLength(100).WithMessage("The job title must be 100 characters or fewer.")
            .OverridePropertyName(nameof(StaffInviteInput.JobTitle));
        RuleFor(i => i.Roles).StaffRoles();
    }
}

public sealed class StaffRolesInputValidator : AbstractValidator<StaffRolesInput>
{
    public StaffRolesInputValidator() => RuleFor(i => i.Roles).StaffRoles();
}

internal static class StaffRoleRules
{
    /// <summary>At least one role, each a staff role (an applicant's account is never made staff this way).</summary>
    public static IRuleBuilderOptions<T, List<string>> StaffRoles<T>(this IRuleBuilderInitial<T, List<string>> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(r => r is { Count: > 0 }).WithMessage("Select at least one role.")
            .Must(r => r.All(Roles.Staff.Contains)).WithMessage("Select roles from the list.");
}
