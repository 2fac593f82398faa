using FluentValidation;

namespace GrantsCommissioning.Core.Features.Api;

/// <summary>A new token: a name, at least one known scope, an expiry after today (UK) and at most two years ahead.</summary>
public sealed class ApiTokenInputValidator : AbstractValidator<ApiTokenInput>
{
    public const string Today = nameof(Today);
    public const int MaxDaysAhead = 731;

    public ApiTokenInputValidator()
    {
        RuleFor(i => (i.Name ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a name that says which system uses the token.")
            .MaximumLength(100).WithMessage("The name must be 100 characters or fewer.")
            .OverridePropertyName(nameof(ApiTokenInput.Name));
        RuleFor(i => i.Scopes).Cascade(CascadeMode.Stop)
            .Must(s => s is { Count: > 0 }).WithMessage("Select at least one scope.")
            .Must(s => s.All(ApiScopes.IsKnown)).WithMessage("Select scopes from the list.");
        RuleFor(i => i.ExpiresOn).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the date the token stops working.")
            .Must((_, d, context) => d > TodayOf(context)).WithMessage("The expiry date must be after today.")
            .Must((_, d, context) => d <= TodayOf(context).AddDays(MaxDaysAhead)).WithMessage("The expiry date must be within two years.");
    }

    private static DateOnly TodayOf(ValidationContext<ApiTokenInput> context) => (DateOnly)context.RootContextData[Today];
}

/// <summary>A list request's paging: page from 1, page size 1 to <see cref="ApiListQuery.MaxPageSize"/>; a round or fund reference of sensible length.</summary>
public sealed class ApiListQueryValidator : AbstractValidator<ApiListQuery>
{
    public ApiListQueryValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("The page must be 1 or more.").OverridePropertyName("page");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ApiListQuery.MaxPageSize)
            .WithMessage($"The page size must be from 1 to {ApiListQuery.MaxPageSize}.").OverridePropertyName("pageSize");
        RuleFor(q => q.Round).MaximumLength(60).WithMessage("The round reference must be 60 characters or fewer.").OverridePropertyName("round");
        RuleFor(q => q.Fund).MaximumLength(60).WithMessage("The fund code must be 60 characters or fewer.").OverridePropertyName("fund");
    }
}
