using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;

namespace GrantsCommissioning.Core.Features.Dashboards;

public sealed record StateCount(string State, int Count);

public sealed record CaseSummary(int Id, string Reference, string Title, string Organisation, string State, Money Amount, DateTimeOffset? Since);

public sealed record ReturnSummary(int Id, string Reference, string AwardTitle, string Organisation, string State, DateOnly DueDate);

public sealed record OfficerDashboard(IReadOnlyList<StateCount> ApplicationsByState);

public enum ReturnListSort
{
    DueOldest = 0,
    DueNewest,
    Reference,
}

public enum DecisionListSort
{
    Newest = 0,
    Oldest,
    AmountHighest,
    AmountLowest,
}

/// <summary>A page of decisions: the Commissioner's list (<paramref name="NoticesOnly"/>) holds those with a decision notice.</summary>
public sealed record DecisionListQuery(bool NoticesOnly, string? Text = null, DecisionListSort Sort = DecisionListSort.Newest, int Skip = 0, int Take = 20);

public sealed record DecisionSummary(
    int ApplicationId, string ApplicationReference, string Organisation, DateTimeOffset DecidedAt, DecisionOutcome Outcome, Money Amount,
    string DecidedByName, string? NoticeReference);

/// <summary>
/// One page of the monitoring returns in <paramref name="State"/> (a return state, or <see cref="StillToCome"/>) due
/// between <paramref name="DueFrom"/> and <paramref name="DueTo"/> (either open); <paramref name="Text"/> matches
/// reference, award title or organisation.
/// </summary>
public sealed record ReturnListQuery(
    string State, string? Text = null, ReturnListSort Sort = ReturnListSort.DueOldest, int Skip = 0, int Take = 20, DateOnly? DueFrom = null, DateOnly? DueTo = null)
{
    /// <summary>The returns still to come in: scheduled or due, not yet overdue (the officer dashboard's "still to come in").</summary>
    public const string StillToCome = "ToCome";

    /// <summary>The states an officer's returns list may show: to review, overdue, still to come in.</summary>
    public static bool IsListed(string? state) => state is ReturnStates.Submitted or ReturnStates.Overdue or StillToCome;

    /// <summary>
    /// The list a link or a download asks for (<c>state</c>, and <c>from</c> and <c>to</c> as yyyy-MM-dd, each
    /// optional); null for a state no list shows or a date that is not one.
    /// </summary>
    public static ReturnListQuery? Parse(string? state, string? text, string? from, string? to)
    {
        if (!IsListed(state) || !TryDate(from, out var dueFrom) || !TryDate(to, out var dueTo))
        {
            return null;
        }
        return new ReturnListQuery(state!, string.IsNullOrWhiteSpace(text) ? null : text.Trim(), DueFrom: dueFrom, DueTo: dueTo);

        static bool TryDate(string? value, out DateOnly? date)
        {
            date = null;
            if (string.IsNullOrWhiteSpace(value))
            {
                return true;
            }
            var ok = DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d);
            date = ok ? d : null;
            return ok;
        }
    }

    /// <summary>The link's query values for <see cref="Parse"/> (empty ones left out by the link writers).</summary>
    public IReadOnlyDictionary<string, string?> ToQueryString() => new Dictionary<string, string?>
    {
        ["state"] = State,
        ["q"] = Text,
        ["from"] = DueFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["to"] = DueTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed record FundPosition(int FundId, string Code, string Name, string SeniorResponsibleOfficer, Money Budget, Money Committed, Money Paid)
{
    public Money Uncommitted => Budget - Committed;
    public Money OutstandingCommitments => Committed - Paid;
    public int CommittedPercent => Budget.Pence == 0 ? 0 : (int)(Committed.Pence * 100 / Budget.Pence);
}

public sealed record PaymentSummary(int Id, string Reference, string Organisation, string AwardReference, string State, Money Amount, DateOnly DueDate, string? HoldReason);

public sealed record FinanceDashboard(FinancialYear Year, IReadOnlyList<FundPosition> Funds);

public enum PaymentListSort
{
    DueOldest = 0,
    DueNewest,
    AmountHighest,
    AmountLowest,
    Reference,
}

/// <summary>
/// One page of the payments needing action (ready, authorised or held; or only <paramref name="State"/>);
/// <paramref name="Text"/> matches payment reference, award reference or organisation.
/// </summary>
public sealed record PaymentListQuery(string? State = null, string? Text = null, PaymentListSort Sort = PaymentListSort.DueOldest, int Skip = 0, int Take = 20);

/// <summary>A page of payments with the count and total amount of every payment the query matches.</summary>
public sealed record PaymentPage(IReadOnlyList<PaymentSummary> Items, int Count, Money Total);

public sealed record AssessmentTask(int ApplicationId, string Reference, string Title, string Organisation, bool? HasConflict, bool Completed);

public sealed record MeasureRagCount(Rag Rag, int Count, int Headline);

public sealed record ObjectiveRagCount(int ObjectiveNumber, Rag Rag, int Count);

/// <summary>
/// A count of the officer dashboard's "returns still to come in" (or of those overdue), with the list behind it: the
/// returns in <paramref name="State"/> due from <paramref name="DueFrom"/> to <paramref name="DueTo"/>.
/// </summary>
public sealed record ReturnsDueMonth(string Month, int Count, string State, DateOnly? DueFrom, DateOnly? DueTo)
{
    public ReturnListQuery ToQuery() => new(State, DueFrom: DueFrom, DueTo: DueTo);
}

public sealed record QuarterRag(FinancialQuarter Quarter, int Green, int Amber, int Red, int NotRated)
{
    public string Label => Quarter.ToString();

    /// <summary>The quarter's readings with this RAG.</summary>
    public int Count(Rag rag) => rag switch
    {
        Rag.Green => Green,
        Rag.Amber => Amber,
        Rag.Red => Red,
        _ => NotRated,
    };
}
