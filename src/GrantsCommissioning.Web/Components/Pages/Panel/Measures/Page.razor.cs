using System.Security.Claims;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Panel;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace GrantsCommissioning.Web.Components.Pages.Panel.Measures;

public partial class Page : QuarterPageBase
{
    [Inject]
    private MeasureReadings Readings { get; set; } = default!;

    private IReadOnlyList<MeasureQuarterRow>? _rows;
    private IReadOnlyDictionary<string, string> _errors = FieldIds.None;
    private string? _message;
    private bool _canImport;

    /// <summary>?rag=Red and so on: only the measures with that RAG in the quarter (the Panel page's RAG counts link here).</summary>
    [SupplyParameterFromQuery(Name = "rag")]
    public string? RagFilter { get; set; }

    private Rag? Only => Enum.TryParse<Rag>(RagFilter, ignoreCase: true, out var rag) && Enum.IsDefined(rag) && !int.TryParse(RagFilter, out _) ? rag : null;

    private List<MeasureQuarterRow> Shown => Only is { } only ? _rows!.Where(r => r.Reading?.Rag == only).ToList() : _rows!.ToList();

    protected override async Task LoadQuarterAsync(ClaimsPrincipal user)
    {
        _canImport = PanelReportRules.Writers.Any(user.IsInRole);
        _rows = await Readings.ForQuarterAsync(CurrentQuarter);
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        _message = null;
        byte[] content;
        try
        {
            using var buffer = new MemoryStream();
            await e.File.OpenReadStream(maxAllowedSize: 1024 * 1024).CopyToAsync(buffer);
            content = buffer.ToArray();
        }
        catch (IOException)
        {
            _errors = new Dictionary<string, string> { ["file"] = "The file must be smaller than 1 MB." };
            return;
        }
        var result = await Readings.ImportAsync(CurrentQuarter, e.File.Name, content, WorkflowActor.From(await UserAsync())!);
        _errors = result.Errors;
        if (result.Succeeded)
        {
            _message = $"{result.Value} readings imported for {CurrentQuarter}.";
            _rows = await Readings.ForQuarterAsync(CurrentQuarter);
        }
    }
}
