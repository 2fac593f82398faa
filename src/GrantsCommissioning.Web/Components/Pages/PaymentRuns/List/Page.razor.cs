using GrantsCommissioning.Core.Features.PaymentRuns;
using GrantsCommissioning.Core.Features.Payments;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.PaymentRuns.List;

public partial class Page : FinancePageBase
{
    [Inject]
    private PaymentRunService Runs { get; set; } = default!;

    [Inject]
    private BankDetailsVerification Verification { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<ReadyPayment>? _ready;
    private IReadOnlyList<RunSummary>? _runs;
    private IReadOnlyList<BankChangeRow>? _changes;
    private readonly HashSet<int> _picked = [];
    private readonly Dictionary<int, string?> _notes = [];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _changes = await Verification.PendingAsync(await ActorAsync());
        foreach (var c in _changes)
        {
            _notes.TryAdd(c.Id, null);
        }
        _ready = await Runs.ReadyPaymentsAsync();
        _runs = await Runs.ListAsync();
        _picked.IntersectWith(_ready.Select(p => p.Id));
    }

    private void Pick(int id, bool on)
    {
        if (on)
        {
            _picked.Add(id);
        }
        else
        {
            _picked.Remove(id);
        }
    }

    private async Task PrepareAsync()
    {
        var actor = await ActorAsync();
        var result = await Runs.PrepareAsync(_picked.ToList(), actor);
        Errors = result.Errors;
        if (result.Succeeded)
        {
            Navigation.NavigateTo($"/finance/runs/{result.Value}");
        }
    }

    private async Task VerifyAsync(int changeId)
    {
        var actor = await ActorAsync();
        ErrorTargets(("Note", $"note-{changeId}"));
        await ChangeAsync(() => Verification.VerifyAsync(changeId, _notes.GetValueOrDefault(changeId), actor), "The new bank details are verified.", LoadAsync);
    }
}
