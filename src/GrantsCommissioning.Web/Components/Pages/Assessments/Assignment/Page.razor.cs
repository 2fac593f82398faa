using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;

namespace GrantsCommissioning.Web.Components.Pages.Assessments.Assignment;

public partial class Page
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    [Inject]
    private AssessorService Assessors { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromForm(FormName = "respond")]
    private ResponseInput? Response { get; set; }

    [SupplyParameterFromForm(FormName = "score")]
    private ScoreForm? Scoring { get; set; }

    private AssignmentView? _view;
    private string? _done;
    private string _key = Guid.NewGuid().ToString("N");

    protected override async Task OnInitializedAsync()
    {
        Response ??= new ResponseInput();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _view = await Assessors.AssignmentAsync(Id, Actor);
        if (_view is null)
        {
            NotFound();
        }
    }

    private async Task RespondAsync()
    {
        var result = await Assessors.RespondAsync(Id, Response!, Actor);
        if (Show(result))
        {
            _done = result.Value switch
            {
                AssignmentState.ToScore => "Thank you. You can now read the application and score it.",
                AssignmentState.Recused => "You have been recused from this application. An officer has been told to reassign it.",
                _ => "You have returned the assignment. An officer has been told to reassign it.",
            };
        }
        await LoadAsync();
    }

    private async Task ScoreAsync()
    {
        var criteria = _view?.Criteria ?? [];
        var payload = new ScorePayload(
            criteria.Select(c => new CriterionScore(c.Id, Form(ScorePayload.ScoreField(c.Id)), Form(ScorePayload.JustificationField(c.Id)), c.Title)).ToList(),
            Scoring?.Recommendation, Scoring?.Comments);
        var result = await Assessors.ScoreAsync(Id, payload, string.IsNullOrEmpty(Scoring?.Key) ? _key : Scoring.Key, Actor);
        if (Show(result))
        {
            _done = "Your scores have been recorded.";
            await LoadAsync();
            _posted = false;
        }
        else
        {
            _posted = true;
        }
    }

    private bool _posted;

    private string? Form(string name) =>
        HttpContext.Request.HasFormContentType ? HttpContext.Request.Form[name].FirstOrDefault() : null;

    /// <summary>After a refused post, what the assessor entered; otherwise what is saved.</summary>
    private string? Posted(string name, string? saved) => _posted ? Form(name) : saved;

    internal static string RecommendationText(Recommendation r) => r switch
    {
        Recommendation.Fund => "Fund in full",
        Recommendation.PartFund => "Fund in part",
        Recommendation.Defer => "Defer: more information needed",
        _ => "Do not fund",
    };

    public sealed class ScoreForm
    {
        public string? Key { get; set; }
        public string? Recommendation { get; set; }
        public string? Comments { get; set; }
    }
}
