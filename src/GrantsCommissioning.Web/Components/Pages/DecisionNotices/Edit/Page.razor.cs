using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.DecisionNotices.Edit;

/// <summary>Drafting a notice, or changing it while it is a draft.</summary>
public sealed partial class Page
{
    private readonly Dictionary<string, string> _sections = NoticeDraftValidator.Sections.ToDictionary(s => s.Field, _ => "");
    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _reference, _title, _amount, _application, _annex;
    private bool _publicInterest, _loaded, _busy, _notDraft;
    private int _version;

    [Inject] private DecisionNoticeService Notices { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = null!;

    [Parameter] public int? Id { get; set; }

    /// <summary>A new notice drafted from a case ("Draft the decision notice"): its application reference, and the box ticked when the case is flagged.</summary>
    [SupplyParameterFromQuery(Name = "application")] public string? Application { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (Id is { } id && WorkflowActor.From((await AuthState).User) is { } actor && await Notices.GetAsync(id, actor) is { } details)
        {
            var n = details.Notice;
            (_reference, _version, _notDraft) = (n.NoticeReference, details.Header.Version, n.State != DecisionNoticeWorkflow.Draft);
            var draft = NoticeDraft.Of(n, details.ApplicationReference);
            (_title, _amount, _application, _annex, _publicInterest) =
                (draft.Title, draft.Amount?.Pounds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), draft.ApplicationReference, draft.ConfidentialAnnex,
                 draft.SignificantPublicInterest);
            foreach (var (field, section) in NoticeDraftValidator.Sections)
            {
                _sections[field] = section(draft) ?? "";
            }
        }
        else if (Id is null && !string.IsNullOrWhiteSpace(Application) && _application is null)
        {
            (_application, _publicInterest) = (Application.Trim(), await Notices.PublicInterestAsync(Application));
        }
        _loaded = true;
        if (Id is not null && _reference is null)
        {
            Navigation.NotFound();
        }
    }

    private async Task SaveAsync()
    {
        if (WorkflowActor.From((await AuthState).User) is not { } actor)
        {
            return;
        }
        Money? amount = null;
        if (!string.IsNullOrWhiteSpace(_amount))
        {
            if (!Money.TryParse(_amount, out var parsed))
            {
                _errors = new Dictionary<string, string> { ["Amount"] = "Enter the amount in pounds, like 452000 or 452,000.00." };
                return;
            }
            amount = parsed;
        }
        var draft = new NoticeDraft
        {
            Title = _title ?? "", Amount = amount, ApplicationReference = string.IsNullOrWhiteSpace(_application) ? null : _application,
            SignificantPublicInterest = _publicInterest, ConfidentialAnnex = _annex,
            ExecutiveSummary = _sections[nameof(NoticeDraft.ExecutiveSummary)], Background = _sections[nameof(NoticeDraft.Background)],
            OptionsConsidered = _sections[nameof(NoticeDraft.OptionsConsidered)], FinancialImplications = _sections[nameof(NoticeDraft.FinancialImplications)],
            LegalImplications = _sections[nameof(NoticeDraft.LegalImplications)], EqualityImplications = _sections[nameof(NoticeDraft.EqualityImplications)],
            Risks = _sections[nameof(NoticeDraft.Risks)], PublicAccess = _sections[nameof(NoticeDraft.PublicAccess)],
        };
        _busy = true;
        try
        {
            var result = Id is { } id ? await Notices.UpdateDraftAsync(id, draft, _version, actor) : await Notices.CreateAsync(draft, actor);
            _errors = result.Errors;
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"/decision-notices/{result.Value}");
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
