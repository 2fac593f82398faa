using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Awards.Oversight;

public partial class AwardOversightPanel
{
    private static readonly Rag[] Ratings = [Rag.Green, Rag.Amber, Rag.Red];

    private AwardOversight? _oversight;
    private IReadOnlyList<OfficerChoice> _officers = [];
    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _officerId;
    private Rag _rag;
    private string? _reason;

    [Inject]
    private AwardOversightService Oversight { get; set; } = default!;

    [Inject]
    private PortfolioQueries Portfolio { get; set; } = default!;

    [Parameter, EditorRequired]
    public int AwardId { get; set; }

    [Parameter, EditorRequired]
    public Actor Actor { get; set; } = default!;

    /// <summary>Whether the award still takes changes (it is active).</summary>
    [Parameter]
    public bool AwardOpen { get; set; }

    private bool CanChange => Actor.IsInRole(Roles.GrantsOfficer);

    private bool CanDecide => CanChange || Actor.IsInRole(Roles.DecisionMaker) || Actor.IsInRole(Roles.Commissioner);

    protected override async Task OnParametersSetAsync()
    {
        _oversight = await Oversight.OversightAsync(AwardId);
        _officerId = _oversight?.OfficerUserId;
        _officers = CanChange ? await Portfolio.OfficersAsync() : [];
    }

    private async Task AssignAsync() => await AfterAsync(await Oversight.AssignOfficerAsync(AwardId, _officerId, Actor));

    private async Task RateAsync()
    {
        if (await AfterAsync(await Oversight.RateAsync(AwardId, new RatingInput(_rag, _reason), Actor)))
        {
            _reason = null;
            _rag = Rag.NotRated;
        }
    }

    private async Task<bool> AfterAsync(Core.Features.FeatureResult<bool> result)
    {
        _errors = result.Errors;
        _oversight = await Oversight.OversightAsync(AwardId);
        return result.Succeeded;
    }

    private static string RagClass(Rag rag) => "rag--" + rag.ToString().ToLowerInvariant();
}
