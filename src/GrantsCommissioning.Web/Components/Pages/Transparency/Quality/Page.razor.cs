using GrantsCommissioning.Core.Features;
using GrantsCommissioning.Core.Features.Transparency;
using GrantsCommissioning.Web.Components.Pages.Cases;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.Transparency.Quality;

/// <summary>The officers' view of the 360Giving quality checks, and where they mark a recipient as sensitive.</summary>
public partial class Page
{
    internal const string Readers = "GrantsOfficer,DecisionMaker,Commissioner,Administrator";

    [Inject] private ThreeSixtyGiving Giving { get; set; } = default!;
    [Inject] private SensitiveRecipients Recipients { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private QualityReport? _report;
    private IReadOnlyList<SensitiveRecipientView> _marked = [];
    private IReadOnlyList<RecipientChoice> _choices = [];
    private Dictionary<string, string> _errors = [];
    private string? _message;
    private bool _canMark;
    private int _organisationId;
    private string? _reason;
    private Core.Domain.SensitiveScope _scope = Core.Domain.SensitiveScope.Recipient;
    private int? _confirmUnmark;

    protected override async Task OnInitializedAsync()
    {
        _canMark = SensitiveRecipients.MayMark(CasePage.ActorOf((await AuthState).User));
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _report = await Giving.QualityAsync();
        _marked = await Recipients.MarkedAsync();
        _choices = await Recipients.UnmarkedRecipientsAsync();
    }

    private async Task MarkAsync()
    {
        _message = null;
        if (_organisationId == 0)
        {
            _errors = new() { ["OrganisationId"] = "Choose the recipient to mark as sensitive." };
            return;
        }
        var name = _choices.FirstOrDefault(c => c.OrganisationId == _organisationId)?.Name;
        var done = _scope == Core.Domain.SensitiveScope.Location
            ? $"{name}'s location is marked as sensitive: public pages and files name it but no longer show its town or area."
            : $"{name} is marked as sensitive: no public page or file names it now.";
        await ShowAsync(await Recipients.MarkAsync(_organisationId, _reason, _scope, await ActorAsync()), done);
        if (_errors.Count == 0)
        {
            (_organisationId, _reason, _scope) = (0, null, Core.Domain.SensitiveScope.Recipient);
        }
    }

    private async Task UnmarkAsync(int organisationId)
    {
        _confirmUnmark = null;
        var name = _marked.FirstOrDefault(m => m.OrganisationId == organisationId)?.Name;
        await ShowAsync(await Recipients.UnmarkAsync(organisationId, await ActorAsync()), $"{name} is no longer marked as sensitive and is named in the public data again.");
    }

    /// <summary>
    /// The lists are read again first, then the message is set: on PostgreSQL the reads yield, and the page would otherwise
    /// be drawn in between, announcing a recipient as marked while the list still did not show it.
    /// </summary>
    private async Task ShowAsync(FeatureResult<bool> result, string success)
    {
        await LoadAsync();
        _errors = result.Succeeded ? [] : result.Errors.ToDictionary();
        _message = result.Succeeded ? success : null;
    }

    private async Task<Core.Workflow.Actor> ActorAsync() => CasePage.ActorOf((await AuthState).User);
}
