using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace GrantsCommissioning.Web.Components.Pages.Panel.Measures;

public partial class Page
{
    [Parameter]
    public int? Year { get; set; }

    [Parameter]
    public int? Quarter { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject]
    private MeasureReadings Readings { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private FinancialQuarter _quarter;
    private List<FinancialQuarter> _quarters = [];
    private IReadOnlyList<MeasureQuarterRow>? _rows;
    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _message;
    private bool _canImport;

    protected override async Task OnParametersSetAsync()
    {
        var now = Clock.GetUtcNow();
        _quarters = PanelReportPages.RecentQuarters(now);
        if (PanelReportPages.FromRoute(Year, Quarter, now) is not { } quarter)
        {
            Navigation.NotFound();
            return;
        }
        _quarter = quarter;
        _canImport = PanelReportRules.Writers.Any((await AuthState).User.IsInRole);
        _rows = await Readings.ForQuarterAsync(_quarter);
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        _message = null;
        string text;
        try
        {
            using var reader = new StreamReader(e.File.OpenReadStream(maxAllowedSize: 1024 * 1024));
            text = await reader.ReadToEndAsync();
        }
        catch (IOException)
        {
            _errors = new Dictionary<string, string> { ["file"] = "The file must be smaller than 1 MB." };
            return;
        }
        var result = await Readings.ImportCsvAsync(_quarter, text, WorkflowActor.From((await AuthState).User)!);
        _errors = result.Errors;
        if (result.Succeeded)
        {
            _message = $"{result.Value} readings imported for {_quarter}.";
            _rows = await Readings.ForQuarterAsync(_quarter);
        }
    }
}
