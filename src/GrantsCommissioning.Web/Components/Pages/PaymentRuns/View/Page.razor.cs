using GrantsCommissioning.Core.Features.PaymentRuns;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.PaymentRuns.View;

public partial class Page : FinancePageBase
{
    [Parameter]
    public int Id { get; set; }

    [Inject]
    private PaymentRunService Runs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private RunDetail? _run;
    private bool _loaded;
    private string? _reason;
    private string _key = Guid.NewGuid().ToString("N");

    private Dictionary<string, string?> IdQuery => new() { ["id"] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _run = await Runs.DetailAsync(Id);
        _loaded = true;
        Cases.CasePage.NotFoundIfMissing(Navigation, _run);
        _key = Guid.NewGuid().ToString("N");
    }

    private async Task AuthoriseAsync()
    {
        var actor = await ActorAsync();
        await ChangeAsync(() => Runs.AuthoriseAsync(Id, actor, $"run-authorise:{_key}", _run?.Version), "The run and its payments are authorised.", LoadAsync);
    }

    private async Task ExportAsync()
    {
        var actor = await ActorAsync();
        await ChangeAsync(() => Runs.ExportAsync(Id, actor, $"run-export:{_key}"), "The run is exported: download its files below.", LoadAsync);
    }

    private async Task WithdrawAsync()
    {
        var actor = await ActorAsync();
        ErrorTargets(("Reason", "withdraw-reason"), ("Comment", "withdraw-reason"));
        await ChangeAsync(() => Runs.WithdrawAsync(Id, _reason, actor, $"run-withdraw:{_key}"), "The run is withdrawn; its payments can go in another run.", LoadAsync);
    }
}
