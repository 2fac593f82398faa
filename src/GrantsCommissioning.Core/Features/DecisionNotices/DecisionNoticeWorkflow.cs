namespace GrantsCommissioning.Core.Features.DecisionNotices;

/// <summary>The states and triggers of workflows/decision-notice.</summary>
public static class DecisionNoticeWorkflow
{
    public const string DefinitionId = "decision-notice";

    public const string Draft = nameof(Draft);
    public const string ChiefExecutiveAdvice = nameof(ChiefExecutiveAdvice);
    public const string FinanceAdvice = nameof(FinanceAdvice);
    public const string AwaitingSignature = nameof(AwaitingSignature);
    public const string Signed = nameof(Signed);
    public const string Published = nameof(Published);

    public const string SubmitForAdvice = nameof(SubmitForAdvice);
    public const string NoteChiefExecutiveAdvice = nameof(NoteChiefExecutiveAdvice);
    public const string NoteFinanceAdvice = nameof(NoteFinanceAdvice);
    public const string Sign = nameof(Sign);
    public const string Publish = nameof(Publish);
    public const string SendBack = nameof(SendBack);

    public static readonly IReadOnlyList<string> States = [Draft, ChiefExecutiveAdvice, FinanceAdvice, AwaitingSignature, Signed, Published];
}
