namespace GrantsCommissioning.Core.Features.Retention;

/// <summary>What each record type is, what its clock starts from, what a purge does to it, and its default period.</summary>
public sealed record RetentionRecordInfo(RetentionRecordType RecordType, string Title, string ClockStarts, string Removes, int Period, RetentionUnit Unit,
    int MinimumYears = 0);

public static class RetentionDefaults
{
    public static readonly IReadOnlyList<RetentionRecordInfo> Policies =
    [
        new(RetentionRecordType.UnsuccessfulApplication, "Unsuccessful applications", "the decision (rejected, or the offer declined)",
            "their documents are deleted; the applicant's name, summary and beneficiaries are anonymised", 2, RetentionUnit.Years),
        new(RetentionRecordType.WithdrawnApplication, "Withdrawn applications", "the withdrawal",
            "their documents are deleted; the applicant's name, summary and beneficiaries are anonymised", 12, RetentionUnit.Months),
        new(RetentionRecordType.ClosedAward, "Closed awards, with their returns and payments", "the award's close (or termination)",
            "return evidence and application documents are deleted; the lead contact, return sign-offs, case studies and the applicant's details are anonymised; amounts and payments stay",
            7, RetentionUnit.Years, MinimumYears: 6),
    ];

    public static RetentionRecordInfo For(RetentionRecordType type) => Policies.Single(p => p.RecordType == type);

    public static string Describe(int period, RetentionUnit unit) => unit switch
    {
        RetentionUnit.Years => period == 1 ? "1 year" : $"{period} years",
        _ => period == 1 ? "1 month" : $"{period} months",
    };
}
