namespace GrantsCommissioning.Core.Features.Api;

/// <summary>What a token may do: one scope per integration read, and the finance system's status import.</summary>
public static class ApiScopes
{
    public const string AwardsRead = "awards:read";
    public const string PaymentsRead = "payments:read";
    public const string ReturnsRead = "returns:read";
    public const string PaymentStatusImport = "payments:status-import";

    public static IReadOnlyList<(string Scope, string Description)> All { get; } =
    [
        (AwardsRead, "Read awards"),
        (PaymentsRead, "Read payments"),
        (ReturnsRead, "Read monitoring returns"),
        (PaymentStatusImport, "Import payment status from the finance system"),
    ];

    public static bool IsKnown(string scope) => All.Any(s => s.Scope == scope);
}
