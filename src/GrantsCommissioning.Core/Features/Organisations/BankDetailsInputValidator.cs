using FluentValidation;

namespace GrantsCommissioning.Core.Features.Organisations;

/// <summary>The bank details form: a name, a six-digit sort code and a six- to eight-digit account number.</summary>
public sealed class BankDetailsInputValidator : AbstractValidator<BankDetailsInput>
{
    public BankDetailsInputValidator()
    {
        RuleFor(i => OrganisationService.Text(i.AccountName)).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the name on the account.")
            .MaximumLength(140).WithMessage("The name on the account must be 140 characters or fewer.")
            .OverridePropertyName(nameof(BankDetailsInput.AccountName));
        RuleFor(i => OrganisationService.Digits(i.SortCode))
            .Must(d => d is { Length: 6 }).WithMessage("Enter a valid sort code, like 30-94-57.")
            .OverridePropertyName(nameof(BankDetailsInput.SortCode));
        RuleFor(i => OrganisationService.Digits(i.AccountNumber))
            .Must(d => d is { Length: >= 6 and <= 8 }).WithMessage("Enter a valid account number, like 00733445 (6 to 8 digits).")
            .OverridePropertyName(nameof(BankDetailsInput.AccountNumber));
    }
}
