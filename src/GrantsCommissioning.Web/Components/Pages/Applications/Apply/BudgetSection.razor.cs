using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Applications.Apply;

public partial class BudgetSection
{
    [SupplyParameterFromForm(FormName = "budget")]
    private BudgetInput? Input { get; set; }

    [SupplyParameterFromForm(FormName = "budget", Name = "Intent")]
    private string? PostedIntent { get; set; }

    protected override string FormName => "budget";

    protected override string? Intent => PostedIntent;

    protected override void Fill(ApplicationView view)
    {
        if (Input is not null)
        {
            Input.Lines ??= [];
        }
        else
        {
            Input = new BudgetInput
            {
                Lines = view.BudgetLines.Select(l => new BudgetLineInput
                {
                    Description = l.Description, Category = l.Category,
                    Amount = l.Amount.Pence > 0 ? l.Amount.Pounds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : null,
                }).ToList(),
            };
            Pad(Math.Max(3, Input.Lines.Count + 1));
        }
    }

    private void Pad(int rows)
    {
        while (Input!.Lines.Count < Math.Min(rows, 50))
        {
            Input.Lines.Add(new BudgetLineInput());
        }
    }

    private string Total() => Money.Sum(Input!.Lines.Select(l => Money.TryParse(l.Amount, out var m) ? m : Money.Zero)).ToString();

    private async Task SaveAsync()
    {
        await HandleAsync(complete => Applications.SaveBudgetAsync(Id, Input!, Actor, complete));
        if (PostedIntent == "addrow")
        {
            Pad(Input!.Lines.Count + 1);
        }
    }
}
