using System.Globalization;
using GrantsCommissioning.Core.Features.Api;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.ApiTokens;

/// <summary>The administrator's API tokens: a paged list, a create form whose answer shows the secret once, and revoke with confirmation.</summary>
public partial class Page
{
    private const int PageSize = 20;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    private ApiTokenPage? _page;
    private IssuedApiToken? _issued;
    private ApiTokenRow? _confirming;

    [SupplyParameterFromForm(FormName = "create")]
    private ApiTokenInput? Input { get; set; }

    [SupplyParameterFromForm(FormName = "revoke")]
    private int? RevokeId { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    private int? PageText { get; set; }

    [SupplyParameterFromQuery]
    private string? Confirm { get; set; }

    [SupplyParameterFromQuery(Name = "id")]
    private int? ConfirmId { get; set; }

    [SupplyParameterFromQuery]
    private string? Done { get; set; }

    [Inject]
    private Core.Features.Api.ApiTokens Tokens { get; set; } = default!;

    private int PageNumber => Math.Max(1, PageText ?? 1);

    private int Skip => (PageNumber - 1) * PageSize;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new ApiTokenInput();
        Input.Scopes = Ticked("Input.Scopes");
        await LoadAsync();
        if (Confirm == "revoke" && ConfirmId is { } id)
        {
            _confirming = await Tokens.GetAsync(id) is { RevokedAt: null } row ? row : null;
        }
    }

    private async Task LoadAsync() => _page = await Tokens.ListAsync(Skip, PageSize);

    private async Task CreateAsync()
    {
        var result = await Tokens.CreateAsync(Input!, Actor);
        if (Show(result))
        {
            _issued = result.Value;
            Input = new ApiTokenInput();
            await LoadAsync();
        }
    }

    private async Task RevokeAsync()
    {
        if (Show(await Tokens.RevokeAsync(RevokeId ?? 0, Actor)))
        {
            Navigation.NavigateTo("/admin/api-tokens?done=revoked");
        }
    }
}
