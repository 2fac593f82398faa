using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Applicants;

/// <summary>
/// The monitoring return form against the return it answers: spend for every cost line and a number for every
/// indicator (0 when none), a narrative, and no answer too long. Field names are the form's ("Spend[0].Amount"), in
/// the return's line order, so the error summary links to each field.
/// </summary>
public sealed class ReturnInputValidator : AbstractValidator<ReturnInput>
{
    public const int MaxText = 4000;

    private const string ReturnKey = nameof(ReturnView);

    private const string DraftKey = "Draft";

    public ReturnInputValidator()
    {
        RuleFor(i => i.Spend).Custom((_, context) =>
        {
            var form = context.InstanceToValidate;
            var lines = Of(context).CostLines;
            for (var n = 0; n < lines.Count; n++)
            {
                var line = lines[n];
                var text = SpendText(form, line.Id);
                if (string.IsNullOrWhiteSpace(text))
                {
                    if (IsDraft(context))
                    {
                        continue;
                    }
                    context.AddFailure($"Spend[{n}].Amount", $"Enter the spend on {line.Description} this period (enter 0 if none).");
                }
                else if (!Money.TryParse(text, out var amount))
                {
                    context.AddFailure($"Spend[{n}].Amount", $"Enter the spend on {line.Description} in pounds, like 250 or 1,250.00.");
                }
                else if ((line.SpentBefore + amount).IsNegative)
                {
                    // A negative figure is a correction (a refund, a credit note), but spend to date never goes below nothing.
                    context.AddFailure($"Spend[{n}].Amount", Failures.Message(new SpendBelowZero(line.Description, line.SpentBefore)));
                }
            }
        });
        RuleFor(i => i.Indicators).Custom((_, context) =>
        {
            var form = context.InstanceToValidate;
            var indicators = Of(context).Indicators;
            for (var n = 0; n < indicators.Count; n++)
            {
                var indicator = indicators[n];
                var text = IndicatorText(form, indicator.Id);
                if (string.IsNullOrWhiteSpace(text))
                {
                    if (IsDraft(context))
                    {
                        continue;
                    }
                    context.AddFailure($"Indicators[{n}].Value", $"Enter the number for {indicator.Name} this period (enter 0 if none).");
                }
                else if (Number(text) is null)
                {
                    context.AddFailure($"Indicators[{n}].Value", $"Enter {indicator.Name} as a number of {indicator.Unit}, like 12.");
                }
            }
        });
        RuleFor(i => i.Narrative).Cascade(CascadeMode.Stop)
            .Must((_, t, context) => IsDraft(context) || !string.IsNullOrWhiteSpace(t)).WithMessage("Describe the progress made in this period.")
            .Must(WithinLength).WithMessage(TooLong);
        RuleFor(i => i.SignOff).Must((_, signed, context) => IsDraft(context) || signed)
            .WithMessage("Confirm that you sign the return off for the organisation, or save it as a draft.");
        RuleFor(i => i.CaseStudy).Must(WithinLength).WithMessage(TooLong);
        RuleFor(i => i.Risks).Must(WithinLength).WithMessage(TooLong);
    }

    private static string TooLong => $"This answer must be {MaxText.ToString("#,##0", CultureInfo.InvariantCulture)} characters or fewer.";

    /// <summary>
    /// Validates <paramref name="input"/> as the answer to <paramref name="view"/>. A <paramref name="draft"/> may leave
    /// answers blank and needs no sign-off; what it does give is checked as when sending.
    /// </summary>
    public ValidationResult Validate(ReturnInput input, ReturnView view, bool draft = false)
    {
        var context = new ValidationContext<ReturnInput>(input);
        context.RootContextData[ReturnKey] = view;
        context.RootContextData[DraftKey] = draft;
        return Validate(context);
    }

    /// <summary>Spend per cost line, read as the validator read it (call only once the form is valid); a draft's blank lines are left out.</summary>
    public static Dictionary<int, Money> Spend(ReturnInput input, ReturnView view, bool draft = false)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.CostLines.Where(l => !draft || !string.IsNullOrWhiteSpace(SpendText(input, l.Id)))
            .ToDictionary(l => l.Id, l => Money.TryParse(SpendText(input, l.Id), out var amount) ? amount : throw new InvalidOperationException("Validate the return form first."));
    }

    /// <summary>The value per indicator, read as the validator read it (call only once the form is valid); a draft's blanks are left out.</summary>
    public static Dictionary<int, double> Values(ReturnInput input, ReturnView view, bool draft = false)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Indicators.Where(i => !draft || !string.IsNullOrWhiteSpace(IndicatorText(input, i.Id)))
            .ToDictionary(i => i.Id, i => Number(IndicatorText(input, i.Id))!.Value);
    }

    private static ReturnView Of(ValidationContext<ReturnInput> context) => (ReturnView)context.RootContextData[ReturnKey];

    private static bool IsDraft(ValidationContext<ReturnInput> context) =>
        context.RootContextData.TryGetValue(DraftKey, out var draft) && draft is true;

    private static string? SpendText(ReturnInput input, int lineId) => input.Spend.FirstOrDefault(s => s.CostLineId == lineId)?.Amount;

    private static string? IndicatorText(ReturnInput input, int indicatorId) =>
        input.Indicators.FirstOrDefault(v => v.IndicatorId == indicatorId)?.Value?.Trim().Replace(",", "", StringComparison.Ordinal);

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value <= 1_000_000_000 ? value : null;

    private static bool WithinLength(string? text) => !(text?.Trim().Length > MaxText);
}
