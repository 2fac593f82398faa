using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Payments;
using GrantsCommissioning.Web.Components.Pages.PaymentRuns;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Awards.Schedule;

/// <summary>An award's payment schedule: officers and finance change the instalments still to come (a thin page over <see cref="PaymentSchedules"/>).</summary>
public partial class Page : FinancePageBase
{
    [Parameter]
    public int Id { get; set; }

    [Inject]
    private PaymentSchedules Schedules { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private ScheduleView? _view;
    private List<InstalmentInput> _rows = [];
    private bool _loaded;
    private string _key = Guid.NewGuid().ToString("N");

    private Money Planned => Money.Sum(_rows.Select(r => Money.TryParse(r.Amount, out var m) ? m : Money.Zero));

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _view = await Schedules.GetAsync(Id);
        _loaded = true;
        Cases.CasePage.NotFoundIfMissing(Navigation, _view);
        _rows = _view?.Lines.Where(l => l.Editable).Select(l => new InstalmentInput
        {
            PaymentId = l.PaymentId, Due = l.Due, Amount = (l.Amount.Pence / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            Basis = l.Basis, Justification = l.Justification, Condition = l.Condition, ReturnId = l.ReturnId, Document = l.Document,
        }).ToList() ?? [];
        _key = Guid.NewGuid().ToString("N");
    }

    private string Group(string key) => Errors.ContainsKey(key) ? "form-group form-group--error" : "form-group";

    private void Add() => _rows.Add(new InstalmentInput { Due = _view?.End });

    private async Task SaveAsync()
    {
        var actor = await ActorAsync();
        await ChangeAsync(() => Schedules.SaveAsync(Id, new ScheduleInput { Instalments = _rows }, actor, _key), "The payment schedule is saved.", LoadAsync);
    }

    private async Task ReceivedAsync(int paymentId)
    {
        var actor = await ActorAsync();
        await ChangeAsync(() => Schedules.DocumentReceivedAsync(paymentId, actor, $"{_key}:document:{paymentId}"), "The document is recorded as received.", LoadAsync);
    }
}
