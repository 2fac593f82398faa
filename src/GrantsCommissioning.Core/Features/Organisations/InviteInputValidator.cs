using System.Net.Mail;
using FluentValidation;

namespace GrantsCommissioning.Core.Features.Organisations;

/// <summary>The invitation form: an email address and the role they will have.</summary>
public sealed class InviteInputValidator : AbstractValidator<InviteInput>
{
    public InviteInputValidator()
    {
        RuleFor(i => OrganisationService.Text(i.Email))
            .Must(IsEmail).WithMessage("Enter an email address in the correct format, like name@example.org.")
            .OverridePropertyName(nameof(InviteInput.Email));
        RuleFor(i => i.Role).Must(r => OrganisationService.TryParseRole(r, out _)).WithMessage(Failures.Message(new ChooseRole()));
    }

    private static bool IsEmail(string value) =>
        value.Length is > 3 and <= 254 && MailAddress.TryCreate(value, out var parsed) && parsed.Address == value && value.Contains('.', StringComparison.Ordinal);
}
