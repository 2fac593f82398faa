using System.Globalization;
using FluentValidation;

namespace GrantsCommissioning.Core.Features.Retention;

/// <summary>A policy's period: a whole number of months or years, from one month to 50 years, and never under a record type's legal minimum.</summary>
public sealed class RetentionPolicyInputValidator : AbstractValidator<RetentionPolicyInput>
{
    public RetentionPolicyInputValidator()
    {
        RuleFor(i => i.RecordType).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Select the kind of record.")
            .IsInEnum().WithMessage("Select the kind of record.");
        RuleFor(i => i.Unit).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Select months or years.")
            .IsInEnum().WithMessage("Select months or years.");
        RuleFor(i => (i.Period ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter how long to keep these records, such as 6.")
            .Must(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)).WithMessage("Enter the period as a whole number, such as 6.")
            .Must((i, p) => Months(int.Parse(p, CultureInfo.InvariantCulture), i.Unit) >= 1).WithMessage("Keep records for at least 1 month.")
            .Must((i, p) => Months(int.Parse(p, CultureInfo.InvariantCulture), i.Unit) <= RetentionInputs.MaxYears * 12)
                .WithMessage($"Keep records for at most {RetentionInputs.MaxYears} years.")
            .Must((i, p) => i.RecordType is not { } type || !Enum.IsDefined(type)
                || Months(int.Parse(p, CultureInfo.InvariantCulture), i.Unit) >= RetentionDefaults.For(type).MinimumYears * 12)
                .WithMessage((i, _) => $"{RetentionDefaults.For(i.RecordType!.Value).Title} are financial records: keep them for at least {RetentionDefaults.For(i.RecordType!.Value).MinimumYears} years after they close.")
            .OverridePropertyName(nameof(RetentionPolicyInput.Period));
    }

    /// <summary>The period in months (an unknown unit counts as years, which the unit's own rule reports).</summary>
    internal static int Months(int period, RetentionUnit? unit) => unit == RetentionUnit.Months ? period : (int)Math.Min(int.MaxValue, period * 12L);
}

/// <summary>A hold names a case and says why, in at most 500 characters.</summary>
public sealed class LegalHoldInputValidator : AbstractValidator<LegalHoldInput>
{
    public LegalHoldInputValidator()
    {
        RuleFor(i => (i.Reference ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the application or award reference, such as CGS-2013-0001 or AWD-2013-0001.")
            .MaximumLength(60).WithMessage("The reference must be 60 characters or fewer.")
            .OverridePropertyName(nameof(LegalHoldInput.Reference));
        RuleFor(i => (i.Reason ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter why the case must be kept, such as the claim or request it is needed for.")
            .MaximumLength(RetentionInputs.MaxReasonLength).WithMessage($"The reason must be {RetentionInputs.MaxReasonLength} characters or fewer.")
            .OverridePropertyName(nameof(LegalHoldInput.Reason));
    }
}

/// <summary>Lifting a hold says why.</summary>
public sealed class LiftHoldInputValidator : AbstractValidator<LiftHoldInput>
{
    public LiftHoldInputValidator()
    {
        RuleFor(i => (i.Reason ?? "").Trim()).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter why the hold can be lifted, such as the claim being settled.")
            .MaximumLength(RetentionInputs.MaxReasonLength).WithMessage($"The reason must be {RetentionInputs.MaxReasonLength} characters or fewer.")
            .OverridePropertyName(nameof(LiftHoldInput.Reason));
    }
}
