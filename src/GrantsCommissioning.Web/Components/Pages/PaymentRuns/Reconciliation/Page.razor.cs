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

    /// <summary>The problem's name, on the page and in its download.</summary>
    public static string Issue(ReconciliationIssue issue) => issue switch
    {
        ReconciliationIssue.UnknownReference => "Unknown reference",
        ReconciliationIssue.AmountDiffers => "Amount differs",
        ReconciliationIssue.PaidTwice => "Paid twice",
        _ => "Not exported",
    };

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        if (await ReadUploadAsync(e.File) is not { } content)
        {
            return;
        }
        var result = await Importer.ImportAsync(e.File.Name, content, await ActorAsync());
        Errors = result.Errors;
        Message = result.Value is { } outcome
            ? $"{outcome.Rows} rows read: {outcome.Paid} payments recorded as paid, {outcome.Mismatches} listed below to resolve."
            : null;
        _rows = await Importer.MismatchesAsync();
    }
}
