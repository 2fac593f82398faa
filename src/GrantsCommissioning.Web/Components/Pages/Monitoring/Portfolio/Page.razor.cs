using GrantsCommissioning.Core.Features.Monitoring;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using Radzen.Blazor;

namespace GrantsCommissioning.Web.Components.Pages.Monitoring.Portfolio;

public partial class Page
{
    /// <summary>The officer choice meaning awards with no officer named.</summary>
    public const string Unassigned = "none";

    private static readonly System.Globalization.CultureInfo Uk = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    private PortfolioPage? _page;
    private RadzenDataGrid<PortfolioRow>? _grid;
    private IReadOnlyList<OfficerChoice> _officers = [];
    private string? _officer;
    private bool _loading;

    [Inject]
    private PortfolioQueries Portfolio { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _officers = await Portfolio.OfficersAsync();
        var me = WorkflowActor.From((await AuthState).User)?.UserId;
        _officer = _officers.Any(o => o.UserId == me) ? me : (_officers.Count > 0 ? _officers[0].UserId : Unassigned);
    }

    /// <summary>The query for an officer choice as the page and the CSV link carry it.</summary>
    public static PortfolioQuery QueryFor(string? officer) => officer == Unassigned || string.IsNullOrEmpty(officer)
        ? new PortfolioQuery(null, Unassigned: true)
        : new PortfolioQuery(officer);

    private async Task ReloadAsync()
    {
        if (_grid is not null)
        {
            await _grid.FirstPage(true);
        }
    }

    private async Task LoadAsync(LoadDataArgs args)
    {
        _loading = true;
        var order = args.OrderBy ?? "";
        var sort = order.Split(' ')[0] switch
        {
            "Reference" => PortfolioSort.Reference,
            "Organisation" => PortfolioSort.Organisation,
            "EndDate" => PortfolioSort.EndDate,
            "Rag" => PortfolioSort.Rag,
            _ => PortfolioSort.Overdue,
        };
        var descending = order.Length == 0 || order.EndsWith(" desc", StringComparison.Ordinal);
        _page = await Portfolio.PageAsync(QueryFor(_officer) with { Sort = sort, Descending = descending, Skip = args.Skip ?? 0, Take = args.Top ?? 20 });
        _loading = false;
    }

    private static string Counts(PortfolioRow r) =>
        $"{r.ReturnsDue} due, {r.ReturnsOverdue} overdue, {r.ReturnsQueried} queried, {r.ReturnsToReview} to review";
}
