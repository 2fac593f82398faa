namespace GrantsCommissioning.Core.Domain;

/// <summary>How much due diligence an application needs, by value: the small fund, up to the £25,000 delegated limit, or above it.</summary>
public enum DueDiligenceBand
{
    SmallFund = 0,
    UpToLimit = 1,
    AboveLimit = 2,
}

/// <summary>One item of the checklist; <see cref="NeedsNote"/> and <see cref="NeedsRag"/> say what recording it takes.</summary>
public sealed record DueDiligenceItem(string Key, string Label, DueDiligenceBand From, bool NeedsNote = false, bool NeedsRag = false, string? SecondPersonFor = null);

/// <summary>
/// Due diligence proportionate to value (UK grants functional standard): the checklist for each band, in one place, read
/// by the staff checklist page and by the workflow guard <c>dueDiligenceComplete</c> on funding decisions.
/// </summary>
public static class DueDiligence
{
    /// <summary>Above this an application is in the highest band: the decision maker's delegated limit.</summary>
    public const long UpToLimitMaxPence = 2_500_000;

    public const string Identity = "Identity";
    public const string Safeguarding = "Safeguarding";
    public const string Accounts = "Accounts";
    public const string BankDetails = "BankDetails";
    public const string BankDetailsSecondCheck = "BankDetailsSecondCheck";
    public const string References = "References";
    public const string FraudRisk = "FraudRisk";
    public const string FinancialViability = "FinancialViability";

    public static readonly IReadOnlyList<DueDiligenceItem> Items =
    [
        new(Identity, "Identity of the organisation confirmed (register entry, governing document)", DueDiligenceBand.SmallFund),
        new(Safeguarding, "Safeguarding policy seen and adequate", DueDiligenceBand.SmallFund),
        new(Accounts, "Latest annual accounts seen", DueDiligenceBand.UpToLimit),
        new(BankDetails, "Bank details checked against a bank statement", DueDiligenceBand.UpToLimit),
        new(BankDetailsSecondCheck, "Bank details verified by a second person", DueDiligenceBand.UpToLimit, SecondPersonFor: BankDetails),
        new(References, "References taken up", DueDiligenceBand.UpToLimit),
        new(FraudRisk, "Fraud-risk assessment", DueDiligenceBand.AboveLimit, NeedsNote: true),
        new(FinancialViability, "Financial viability (RAG with reasons)", DueDiligenceBand.AboveLimit, NeedsNote: true, NeedsRag: true),
    ];

    public static DueDiligenceBand BandFor(bool smallFund, long amountRequestedPence) =>
        smallFund ? DueDiligenceBand.SmallFund
        : amountRequestedPence <= UpToLimitMaxPence ? DueDiligenceBand.UpToLimit
        : DueDiligenceBand.AboveLimit;

    public static IReadOnlyList<DueDiligenceItem> ItemsFor(DueDiligenceBand band) => Items.Where(i => i.From <= band).ToList();

    public static DueDiligenceItem? Find(string? key) => Items.FirstOrDefault(i => i.Key == key);

    /// <summary>The band as people say it: "Up to £25,000".</summary>
    public static string Describe(DueDiligenceBand band) => band switch
    {
        DueDiligenceBand.SmallFund => "Small fund",
        DueDiligenceBand.UpToLimit => $"Up to {new Money(UpToLimitMaxPence).ToShortString()}",
        DueDiligenceBand.AboveLimit => $"Above {new Money(UpToLimitMaxPence).ToShortString()}",
    };

    /// <summary>The labels of the band's items not yet recorded, in checklist order.</summary>
    public static IReadOnlyList<string> Missing(DueDiligenceBand band, IEnumerable<string> recorded)
    {
        var done = recorded.ToHashSet(StringComparer.Ordinal);
        return ItemsFor(band).Where(i => !done.Contains(i.Key)).Select(i => i.Label).ToList();
    }
}
