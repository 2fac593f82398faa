using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.Monitoring;

/// <summary>A typed change to an award: an end-date extension (<see cref="NewEndDate"/>) or a budget virement (from one cost line to another).</summary>
public sealed record ChangeRequestInput(
    ChangeRequestKind Kind, string Reason, DateOnly? NewEndDate = null, int? FromCostLineId = null, int? ToCostLineId = null, Money? Amount = null)
    : ITransitionPayload;

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
    }
}
