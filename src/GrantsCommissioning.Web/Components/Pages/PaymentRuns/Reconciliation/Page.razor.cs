using GrantsCommissioning.Core.Features.PaymentRuns;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace GrantsCommissioning.Web.Components.Pages.PaymentRuns.Reconciliation;

public partial class Page : FinancePageBase
{
    [Inject]
    private PaymentStatusImporter Importer { get; set; } = default!;

    private IReadOnlyList<MismatchRow>? _rows;

    protected override async Task OnInitializedAsync() => _rows = await Importer.MismatchesAsync();

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        if (await ReadUploadAsync(e.File) is not { } content)
        {
            return;
        }
        var result = await Importer.ImportAsync(e.File.Name, content, await ActorAsync());
        Errors = result.Errors;
        Message = result.Value is { } outcome
            ? $"{Counted.Of(outcome.Rows, "row")} read: {Counted.Of(outcome.Paid, "payment")} recorded as paid, {outcome.Mismatches} listed below to resolve."
            : null;
        _rows = await Importer.MismatchesAsync();
    }
}
