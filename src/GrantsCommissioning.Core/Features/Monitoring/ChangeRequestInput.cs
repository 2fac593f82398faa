using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>
/// A typed change to an award: an end-date extension (<see cref="NewEndDate"/>), a budget virement (from one cost line
/// to another), a change of scope or outcomes (a new <see cref="NewPurpose"/>, or a new target for one of the award's
/// indicators) or a change of the grantee's lead contact.
/// </summary>
public sealed record ChangeRequestInput(
    ChangeRequestKind Kind, string Reason, DateOnly? NewEndDate = null, int? FromCostLineId = null, int? ToCostLineId = null, Money? Amount = null)
    : ITransitionPayload
{
    public string? NewPurpose { get; init; }
    public int? IndicatorId { get; init; }
    public double? NewTarget { get; init; }
    public string? ContactName { get; init; }
    public string? ContactEmail { get; init; }
}

public sealed class ChangeRequestInputValidator : AbstractValidator<ChangeRequestInput>
{
    public ChangeRequestInputValidator()
    {
        RuleFor(r => r.Kind).IsInEnum().WithMessage("Choose the kind of change.");
        RuleFor(r => r.Reason).Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Say why the change is needed.")
            .Must(r => r is null || r.Trim().Length <= 2000).WithMessage("The reason must be 2,000 characters or fewer.");
        When(r => r.Kind == ChangeRequestKind.EndDateExtension, () =>
            RuleFor(r => r.NewEndDate).NotNull().WithMessage("Enter the new end date."));
        When(r => r.Kind == ChangeRequestKind.BudgetVirement, () =>
        {
            RuleFor(r => r.FromCostLineId).NotNull().WithMessage("Choose the cost line to move money from.");
            RuleFor(r => r.ToCostLineId).NotNull().WithMessage("Choose the cost line to move money to.")
                .Must((r, to) => to is null || to != r.FromCostLineId).WithMessage("Choose two different cost lines.");
            RuleFor(r => r.Amount).Must(a => a is { Pence: > 0 }).WithMessage("Enter the amount to move, more than £0.00.");
        });
        When(r => r.Kind == ChangeRequestKind.ScopeChange, () =>
        {
            RuleFor(r => r.NewPurpose).Cascade(CascadeMode.Stop).Must((r, p) => !string.IsNullOrWhiteSpace(p) || r.IndicatorId is not null)
                .WithMessage("Give the new purpose, or choose an outcome and its new target.")
                .Must(p => p is null || p.Trim().Length <= 4000).WithMessage("The purpose must be 4,000 characters or fewer.");
            RuleFor(r => r.NewTarget).Cascade(CascadeMode.Stop).NotNull().WithMessage("Enter the outcome's new target.")
                .Must(t => t is null || (t >= 0 && double.IsFinite(t.Value))).WithMessage("Enter a target of 0 or more.")
                .When(r => r.IndicatorId is not null);
        });
        When(r => r.Kind == ChangeRequestKind.LeadContactChange, () =>
        {
            RuleFor(r => r.ContactName).Cascade(CascadeMode.Stop).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter the new lead contact's name.")
                .Must(n => n is null || n.Trim().Length <= 200).WithMessage("The name must be 200 characters or fewer.");
            RuleFor(r => r.ContactEmail).Cascade(CascadeMode.Stop).Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Enter the new lead contact's email address.")
                .EmailAddress().WithMessage("Enter an email address in the correct format, like name@example.com.")
                .Must(e => e is null || e.Trim().Length <= 320).WithMessage("The email address must be 320 characters or fewer.");
        });
    }
}
