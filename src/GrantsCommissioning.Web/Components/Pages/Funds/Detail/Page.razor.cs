using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Funds;
using GrantsCommissioning.Web.Components.Pages.PaymentRuns;
using GrantsCommissioning.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace GrantsCommissioning.Web.Components.Pages.Funds.Detail;

public partial class Page : FinancePageBase
{
    [Parameter]
    public int Id { get; set; }

    [Inject]
    private FundService Funds { get; set; } = default!;

    [Inject]
    private AllocationImporter Importer { get; set; } = default!;

    [Inject]
    private BudgetMovements Movements { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private FundDetail? _fund;
    private bool _loaded;
    private bool _isFinance;

    /// <summary>The last form sent was the year-end decision, whose fields share their error keys with the budget form's.</summary>
    private bool _carrying;
    private FundInput _form = new();
    private BudgetInput _budget = new();
    private CarryForwardInput _carry = new();
    private AllocationTerms _terms = new();
    /// <summary>The financial year of the table to import, which picks the plan whose objectives are offered.</summary>
    private string _tableYear = "";
    private PlanObjectives? _plan;
    private IReadOnlyList<FinancialYear> _tableYears = [];
    private IReadOnlyList<CarryForwardRow> _carried = [];

    private Dictionary<string, string?> IdQuery => new() { ["id"] = Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    protected override async Task OnParametersSetAsync()
    {
        _isFinance = (await ActorAsync()).IsInRole(Roles.Finance);
        await LoadAsync();
        if (_isFinance && _tableYears.Count == 0)
        {
            // Tables are agreed for the coming year, or corrected for a recent one: offer the last five years and the next two.
            var current = FinancialYear.Containing(Clock.GetUtcNow());
            _tableYears = Enumerable.Range(-5, 8).Select(n => new FinancialYear(current.StartYear + n)).ToList();
            _tableYear = current.Next.ToString();
            await PlanChangedAsync();
        }
        _form = _fund?.Form ?? new FundInput();
    }

    private async Task LoadAsync()
    {
        _fund = await Funds.DetailAsync(Id);
        _carried = await Movements.CarryForwardsAsync(Id);
        _loaded = true;
        Cases.CasePage.NotFoundIfMissing(Navigation, _fund);
    }

    /// <summary>A different year may be reported against a different plan: offer its objectives, and keep only those ticked.</summary>
    private async Task PlanChangedAsync()
    {
        _plan = FinancialYear.TryParse(_tableYear, out var year) ? await Funds.PlanObjectivesAsync(year) : null;
        _terms.ObjectiveIds.RemoveAll(id => _plan is null || _plan.Objectives.All(o => o.Id != id));
    }

    private void ToggleObjective(int objectiveId, ChangeEventArgs e)
    {
        _terms.ObjectiveIds.Remove(objectiveId);
        if (e.Value is true)
        {
            _terms.ObjectiveIds.Add(objectiveId);
        }
    }

    private string Group(string key, bool carry = false) => carry == _carrying && Errors.ContainsKey(key) ? "form-group form-group--error" : "form-group";

    /// <summary>The errors a form's own fields show: the year-end form's only after it was sent, the budget form's otherwise.</summary>
    private IReadOnlyDictionary<string, string> ErrorsOf(bool carry) => carry == _carrying ? Errors : FieldIds.None;

    private async Task SaveAsync()
    {
        var actor = await ActorAsync();
        _carrying = false;
        ErrorTargets();
        await ChangeAsync(() => Funds.SaveAsync(Id, _form, actor), "The fund is saved.", LoadAsync);
    }

    private async Task SetBudgetAsync()
    {
        var actor = await ActorAsync();
        _carrying = false;
        ErrorTargets();
        await ChangeAsync(() => Funds.SetBudgetAsync(Id, _budget, actor), $"The {_budget.Year} budget is set.", async () =>
        {
            _budget = new BudgetInput();
            await LoadAsync();
        });
    }

    private async Task CarryForwardAsync()
    {
        var actor = await ActorAsync();
        _carrying = true;
        ErrorTargets(("Year", "CarryYear"), ("Amount", "CarryAmount"), ("Reason", "CarryReason"), ("Destination", "ToNextYear"));
        await ChangeAsync(() => Movements.CarryForwardAsync(Id, _carry, actor), "The year-end decision is recorded.", async () =>
        {
            _carry = new CarryForwardInput();
            await LoadAsync();
        });
    }

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        if (await ReadUploadAsync(e.File) is not { } content)
        {
            return;
        }
        var actor = await ActorAsync();
        _carrying = false;
        ErrorTargets();
        await ChangeAsync(() => Importer.ImportAsync(Id, e.File.Name, content, actor, _terms), "", LoadAsync);
        Message = Errors.Count == 0 && _fund is { Tables.Count: > 0 } loaded && loaded.Tables[0] is var t
            ? $"{e.File.Name} imported: {t.Awards.Count} awards, {t.Allocated} allocated and {t.Reserve} in reserve ({t.Total} in all)."
            : null;
    }
}
