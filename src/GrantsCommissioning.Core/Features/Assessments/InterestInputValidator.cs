using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Assessments;

/// <summary>An entry in the register of interests, as the form and the demo loader check it.</summary>
public sealed class InterestInputValidator : AbstractValidator<InterestInput>
{
    public InterestInputValidator()
    {
        RuleFor(i => i.Organisation).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 200)
            .WithMessage("Enter the organisation's name (up to 200 characters).");
        RuleFor(i => i.Role).Must(v => !string.IsNullOrWhiteSpace(v) && v.Trim().Length <= 200)
            .WithMessage("Enter your role or connection, for example trustee, employee, volunteer or family member employed there.");
        RuleFor(i => i.CharityNumber).Must(v => string.IsNullOrWhiteSpace(v) || OrgIdentifiers.IsValidCharityNumber(v))
            .WithMessage("Enter a charity number of 6 or 7 digits, like 1150074, or leave it blank.");
        RuleFor(i => i.CompanyNumber).Must(v => string.IsNullOrWhiteSpace(v) || OrgIdentifiers.IsValidCompanyNumber(v))
            .WithMessage("Enter a company number of 8 characters, like 08400678, or leave it blank.");
    }
}
