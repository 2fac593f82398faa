using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Core.Features.Applications;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Applications.Submit;

public partial class ApplicationReview
{
    [Parameter]
    public int Id { get; set; }

    /// <summary>Generated when the page renders and posted back, so a double click or a retry is one submission.</summary>
    [SupplyParameterFromForm(FormName = "submit")]
    private string? IdempotencyKey { get; set; }

    private ApplicationView? _view;
    private string _key = "";

    protected override async Task OnInitializedAsync()
    {
        if (IdempotencyKey is not null)
        {
            // The submit post: SubmitAsync reads the application only if the submission does not go through.
            _key = IdempotencyKey;
            return;
        }
        _view = await Applications.GetAsync(Id, Actor);
        if (_view is null)
        {
            NotFound();
            return;
        }
        _key = IdempotencyKey ?? Guid.NewGuid().ToString("N");
        if (_view.IsDraft && IdempotencyKey is null)
        {
            Errors = _view.Sections.SelectMany(s => s.Errors.Select(e => (Key: s.Key + ":" + e.Key, e.Value))).ToDictionary(e => e.Key, e => e.Value);
        }
    }

    private async Task SubmitAsync()
    {
        if (await Applications.TrySubmitAsync(Id, Actor, IdempotencyKey ?? "") is not null || await ExplainAsync())
        {
            Navigation.NavigateTo($"/applicant/applications/{Id}/receipt");
        }
    }

    /// <summary>Not submitted: reads the page's view and says why, section by section, as the review page shows it.</summary>
    private async Task<bool> ExplainAsync()
    {
        _view = await Applications.GetAsync(Id, Actor);
        if (_view is null)
        {
            NotFound();
            return false;
        }
        return Show(await Applications.SubmitAsync(_view, Actor, IdempotencyKey ?? ""));
    }

    private string SectionLink(string key)
    {
        var parts = key.Split(':', 2);
        return parts.Length == 2 ? $"/applicant/applications/{Id}/{parts[0]}#{FieldIds.For(parts[1])}" : "#";
    }

    private static string Date(DateOnly? d) => d?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? "not given";
}
