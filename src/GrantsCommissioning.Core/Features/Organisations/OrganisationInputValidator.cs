using FluentValidation;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Organisations;

/// <summary>The organisation profile form: what an applicant must give and how each field is worded back to them.</summary>
public sealed partial class OrganisationInputValidator : AbstractValidator<OrganisationInput>
{
    public OrganisationInputValidator()
    {
        RuleFor(i => OrganisationService.Text(i.Name)).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter your organisation's legal name.")
            .MaximumLength(200).WithMessage("The legal name must be 200 characters or fewer.")
            .OverridePropertyName(nameof(OrganisationInput.Name));
        RuleFor(i => i.Type).Must(t => TryParseType(t, out _)).WithMessage("Select the type of organisation.");
        RuleFor(i => OrganisationService.Text(i.CharityNumber))
            .Must(c => c.Length == 0 || OrgIdentifiers.IsValidCharityNumber(c)).WithMessage("Enter a charity number of 6 or 7 digits, like 1150074.")
            .Must(c => c.Length > 0).When(i => Is(i, OrganisationType.RegisteredCharity, OrganisationType.CharitableIncorporatedOrganisation), ApplyConditionTo.CurrentValidator)
            .WithMessage("Enter the charity number: a registered charity or CIO has one.")
            .OverridePropertyName(nameof(OrganisationInput.CharityNumber));
        RuleFor(i => OrganisationService.Text(i.CompanyNumber))
            .Must(c => c.Length == 0 || OrgIdentifiers.IsValidCompanyNumber(c)).WithMessage("Enter a company number of 8 characters, like 01234567 or SC123456.")
            .Must(c => c.Length > 0).When(i => Is(i, OrganisationType.CommunityInterestCompany, OrganisationType.CompanyLimitedByGuarantee), ApplyConditionTo.CurrentValidator)
            .WithMessage("Enter the company number: a company or CIC is registered at Companies House.")
            .OverridePropertyName(nameof(OrganisationInput.CompanyNumber));
        Required(i => i.AddressLine1, nameof(OrganisationInput.AddressLine1), "Enter the first line of the address.", 200);
        RuleFor(i => OrganisationService.Text(i.AddressLine2))
            .MaximumLength(200).WithMessage("This must be 200 characters or fewer.")
            .OverridePropertyName(nameof(OrganisationInput.AddressLine2));
        Required(i => i.Town, nameof(OrganisationInput.Town), "Enter the town or city.", 100);
        RuleFor(i => OrganisationService.Text(i.Postcode).ToUpperInvariant()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the postcode.")
            .Matches(PostcodePattern()).WithMessage("Enter a real postcode, like HR1 2AB.")
            .OverridePropertyName(nameof(OrganisationInput.Postcode));
        Required(i => i.AreaServed, nameof(OrganisationInput.AreaServed), "Select the area your organisation serves.", 200);
    }

    /// <summary>A type by its name as the form posts it (never a number, never a name outside the list).</summary>
    public static bool TryParseType(string? value, out OrganisationType type) =>
        Enum.TryParse(value, out type) && Enum.IsDefined(type) && !int.TryParse(value, out _);

    private static bool Is(OrganisationInput input, params OrganisationType[] types) => TryParseType(input.Type, out var t) && types.Contains(t);

    private void Required(Func<OrganisationInput, string?> field, string name, string message, int max) =>
        RuleFor(i => OrganisationService.Text(field(i))).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(message)
            .MaximumLength(max).WithMessage($"This must be {max} characters or fewer.")
            .OverridePropertyName(name);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")]
    private static partial System.Text.RegularExpressions.Regex PostcodePattern();
}
