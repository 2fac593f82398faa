using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Cases;
using GrantsCommissioning.Core.Features.Decisions;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Decisions.Record;

public partial class DecisionForm
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Parameter, EditorRequired]
    public CaseHeader Header { get; set; } = default!;

    [Parameter, EditorRequired]
    public Money Requested { get; set; }

    /// <summary>The case's flag of significant public interest, when it is flagged: the form says the decision needs a notice.</summary>
    [Parameter]
    public PublicInterestFlag? PublicInterest { get; set; }

    [Parameter]
    public EventCallback OnDecided { get; set; }

    private List<DecisionOutcome> _outcomes = [];
    private DecisionOutcome? _outcome;
    private string? _amountText, _rationale, _conditions, _notice, _feedback;
    private Dictionary<string, string> _errors = [];
    private bool _busy;
    private Recommended? _recommended;
    private string _key = Guid.NewGuid().ToString("N");

    protected override async Task OnParametersSetAsync()
    {
        var actor = WorkflowActor.From((await AuthState).User);
        var permitted = actor is null ? [] : await Workflow.GetPermittedTriggersAsync(new CaseRef(Header.Kind, Header.Id), actor);
        // Everything is read before anything is set: on PostgreSQL each read yields, and the form drawn in between showed
        // the choices with an empty amount.
        var first = _amountText is null;
        var recommended = first ? await Decisions.RecommendationAsync(Header.Id) : _recommended;
        _outcomes = permitted.Where(t => DecisionTriggers.Outcomes.ContainsKey(t.Trigger)).Select(t => DecisionTriggers.Outcomes[t.Trigger]).Order().ToList();
        if (first)
        {
            // Start from what the officer recommended (amount and conditions), else from the amount requested.
            _recommended = recommended;
            _amountText = (recommended?.Amount ?? Requested).Pounds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            _conditions ??= recommended?.Conditions;
        }
    }

    private void Choose(DecisionOutcome outcome) => _outcome = outcome;

    private static string Describe(DecisionOutcome o) => o switch
    {
        DecisionOutcome.Approve => "Approve in full",
        DecisionOutcome.PartFund => "Part-fund",
        DecisionOutcome.Defer => "Defer",
        DecisionOutcome.Reject => "Reject",
    };

    private async Task DecideAsync()
    {
        _errors = [];
        if (_outcome is not { } outcome)
        {
            _errors[""] = "Choose a decision.";
            return;
        }
        var amount = Money.Zero;
        if (outcome is DecisionOutcome.Approve or DecisionOutcome.PartFund && !Money.TryParse(_amountText, out amount))
        {
            _errors["Amount"] = "Enter the amount in pounds and pence, like 1250.00.";
            return;
        }
        var actor = WorkflowActor.From((await AuthState).User);
        if (actor is null)
        {
            _errors[""] = "Sign in again to continue.";
            return;
        }
        _busy = true;
        try
        {
            var result = await Decisions.DecideAsync(new DecisionInput(Header.Id, outcome, amount, _rationale ?? "", _conditions, _notice, Header.Version, _feedback), actor, $"decision:{_key}");
            if (result.Succeeded)
            {
                _key = Guid.NewGuid().ToString("N");
                await OnDecided.InvokeAsync();
            }
            else
            {
                _errors = result.Errors.ToDictionary();
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
