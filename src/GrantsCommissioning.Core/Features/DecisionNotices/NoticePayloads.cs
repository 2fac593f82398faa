using FluentValidation;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow.Kinds;

namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>The advice the Chief Executive or the Chief Finance Officer notes on a notice.</summary>
public sealed record NoticeAdvice(string Advice) : ITransitionPayload;

public sealed class NoticeAdviceValidator : AbstractValidator<NoticeAdvice>
{
    public NoticeAdviceValidator() =>
        RuleFor(a => a.Advice).Must(a => !string.IsNullOrWhiteSpace(a) && a.Trim().Length is >= 10 and <= 4000)
            .WithMessage("Write the advice you are noting (10 to 4,000 characters).");
}

/// <summary>The Commissioner's signature: the declaration of interests and the date signed.</summary>
public sealed record NoticeSignature(string DeclarationOfInterests, DateOnly SignatureDate) : ITransitionPayload;

public sealed class NoticeSignatureValidator : AbstractValidator<NoticeSignature>
{
    public NoticeSignatureValidator(TimeProvider clock)
    {
        RuleFor(s => s.DeclarationOfInterests).Must(d => !string.IsNullOrWhiteSpace(d) && d.Trim().Length <= 4000)
            .WithMessage("Declare any personal or prejudicial interest, or write \"None\".");
        RuleFor(s => s.SignatureDate).Must(d => d <= UkTime.ToUkDate(clock.GetUtcNow()))
            .WithMessage("The signature date cannot be in the future.");
    }
}
