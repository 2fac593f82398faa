using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Applicants;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Returns.Submit;

public partial class ReturnPage
{
    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromForm(FormName = "return")]
    private ReturnInput? Input { get; set; }

    /// <summary>Generated when the page renders and posted back, so a double click or a retry is one submission.</summary>
    [SupplyParameterFromForm(FormName = "return")]
    private string? IdempotencyKey { get; set; }

    /// <summary>Which button sent the form: "draft" saves a draft; anything else signs off and sends.</summary>
    [SupplyParameterFromForm(FormName = "return")]
    private string? Action { get; set; }

    [SupplyParameterFromForm(FormName = "answer")]
    private string? Answer { get; set; }

    [SupplyParameterFromForm(FormName = "answer")]
    private string? AnswerKey { get; set; }

    private ReturnView? _return;
    private IReadOnlyList<Core.Features.Returns.ThreadMessage> _thread = [];
    private string _key = "";
    private bool _saved;

    protected override async Task OnInitializedAsync()
    {
        _return = await Track.ReturnAsync(Id, Actor);
        if (_return is null)
        {
            NotFound();
            return;
        }
        if (IdempotencyKey is not null && _return.State == ReturnStates.Submitted)
        {
            // A second click arriving after the first committed: the form is gone, so show the first submission.
            Navigation.NavigateTo($"/applicant/returns/{Id}/sent");
            return;
        }
        _thread = await Review.ThreadAsync(Id);
        _key = IdempotencyKey ?? AnswerKey ?? Guid.NewGuid().ToString("N");
        Input ??= new ReturnInput
        {
            // Risks carry on from one period to the next, so a new return starts from the last one's.
            Narrative = _return.Narrative, CaseStudy = _return.CaseStudy, Risks = _return.Risks ?? (_return.SubmittedAt is null ? _return.Previous?.Risks : null),
            Spend = _return.CostLines.Select(l => new SpendInput
            {
                CostLineId = l.Id, Amount = l.ThisPeriod?.Pounds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
            }).ToList(),
            Indicators = _return.Indicators.Select(i => new IndicatorValueInput
            {
                IndicatorId = i.Id, Value = i.Value is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            }).ToList(),
        };
    }

    /// <summary>The return form was sent (a send or a draft) after the return was cancelled: the service refuses it with the reason.</summary>
    private bool PostedAfterCancel => IdempotencyKey is not null && _return?.State == ReturnStates.Cancelled;

    private string? Amount(int i) => Input!.Spend.FirstOrDefault(s => s.CostLineId == _return!.CostLines[i].Id)?.Amount;

    private string? IndicatorValue(int i) => Input!.Indicators.FirstOrDefault(s => s.IndicatorId == _return!.Indicators[i].Id)?.Value;

    private async Task ReplyAsync()
    {
        if (_return is null)
        {
            return;
        }
        if (Show(await Review.ReplyAsync(Id, Answer, Actor, "answer:" + AnswerKey)))
        {
            Answer = null;
            _key = Guid.NewGuid().ToString("N");
            _thread = await Review.ThreadAsync(Id);
        }
    }

    private async Task SubmitAsync()
    {
        if (_return is null)
        {
            return;
        }
        if (Action == "draft")
        {
            if (Show(await Track.SaveReturnDraftAsync(Id, Input!, Actor)))
            {
                _saved = true;
                _return = await Track.ReturnAsync(Id, Actor);
            }
            return;
        }
        if (Show(await Track.SubmitReturnAsync(Id, Input!, Actor, IdempotencyKey)))
        {
            Navigation.NavigateTo($"/applicant/returns/{Id}/sent");
        }
    }
}
