using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applications;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Applications.Apply;

public partial class OutcomesSection
{
    [SupplyParameterFromForm(FormName = "outcomes")]
    private OutcomesInput? Input { get; set; }

    [SupplyParameterFromForm(FormName = "outcomes", Name = "Intent")]
    private string? PostedIntent { get; set; }

    protected override string FormName => "outcomes";

    protected override string? Intent => PostedIntent;

    private string Title => View?.ShortForm == true ? "Plan objective" : "Outcomes, indicators and plan objectives";

    protected override void Fill(ApplicationView view)
    {
        if (Input is not null)
        {
            // The form mapper leaves lists that were not posted as null; an unposted priority list means none ticked.
            Input.Objectives ??= [];
            Input.Indicators ??= [];
            Input.Priorities ??= [];
            if (Input.Priorities.Count == 0)
            {
                Input.Priorities = view.Priorities.Select(p => new PriorityChoiceInput { Id = p.Id }).ToList();
            }
            return;
        }
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Input = new OutcomesInput
        {
            Objectives = view.Objectives.Select(o => new ObjectiveShareInput { ObjectiveId = o.Id, Share = o.SharePercent > 0 ? o.SharePercent.ToString(inv) : null }).ToList(),
            SingleObjectiveId = view.Objectives.FirstOrDefault(o => o.SharePercent > 0)?.Id.ToString(inv),
            Priorities = view.Priorities.Select(p => new PriorityChoiceInput { Id = p.Id, Selected = p.Selected }).ToList(),
            Indicators = view.Indicators.Select(i => new IndicatorInput
            {
                Name = i.Name, Unit = i.Unit, Target = i.Target > 0 ? i.Target.ToString(inv) : null, ObjectiveId = i.ObjectiveId?.ToString(inv),
            }).ToList(),
        };
        Pad(Math.Max(2, Input.Indicators.Count + 1));
    }

    private void Pad(int rows)
    {
        while (Input!.Indicators.Count < Math.Min(rows, 30))
        {
            Input.Indicators.Add(new IndicatorInput());
        }
    }

    private async Task SaveAsync()
    {
        await HandleAsync(complete => Applications.SaveOutcomesAsync(Id, Input!, Actor, complete));
        if (PostedIntent == "addrow")
        {
            Pad(Input!.Indicators.Count + 1);
        }
    }
}
