using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.PaymentRuns;

/// <summary>A ready payment finance can put in a run; <paramref name="Blocked"/> says why it cannot go yet.</summary>
public sealed record ReadyPayment(int Id, string Reference, string Organisation, string AwardReference, Money Amount, DateOnly Due, string? Blocked);

public sealed record RunSummary(int Id, string Reference, string State, string StateLabel, int Payments, Money Total, string PreparedBy, DateTimeOffset PreparedAt,
    string? AuthorisedBy, string? BatchReference);

public sealed record RunLine(int PaymentId, string Reference, string Organisation, string AwardReference, Money Amount, DateOnly Due, string State, string? Blocked);

public sealed record RunDetail(int Id, string Reference, string State, string StateLabel, int Version, string PreparedBy, DateTimeOffset PreparedAt,
    string? AuthorisedBy, DateTimeOffset? AuthorisedAt, string? BatchReference, DateTimeOffset? ExportedAt, IReadOnlyList<RunLine> Lines,
    IReadOnlyList<Payments.BankChangeRow> BankChanges)
{
    public Money Total => Money.Sum(Lines.Select(l => l.Amount));
}

public sealed record RunFile(byte[] Content, string FileName, string ContentType);

public sealed record ImportOutcome(int Rows, int Paid, int Mismatches);

public sealed record MismatchRow(int Id, string FileName, DateTimeOffset ImportedAt, int Row, string PaymentReference, string FinanceReference, Money Amount,
    DateOnly PaidOn, ReconciliationIssue Issue, string Detail);
