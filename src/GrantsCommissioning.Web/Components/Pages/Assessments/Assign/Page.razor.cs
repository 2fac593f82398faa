using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Assessments.Assign;

public partial class Page
{
    private const int PageSize = 25;

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    private static readonly (RoundApplicationSort Sort, string Label)[] SortLabels =
        [(RoundApplicationSort.Reference, "reference"), (RoundApplicationSort.Organisation, "organisation"), (RoundApplicationSort.State, "status")];

    [Inject]
    private AssignmentService Assignments { get; set; } = default!;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    private string? SortText { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    private int? PageText { get; set; }

    [SupplyParameterFromForm(FormName = "assign")]
    private AssignInput? Form { get; set; }

    [SupplyParameterFromForm(FormName = "remove-assignment")]
    private RemovalInput? Removal { get; set; }

    [SupplyParameterFromQuery(Name = "remove")]
    private int? RemoveId { get; set; }

    private RoundAssignmentView? _view;
    private (string Reference, AssignmentLine Assignment)? _removing;
    private string? _done;
    private HashSet<int> _ticked = [];

    private RoundApplicationSort Sort => Enum.TryParse<RoundApplicationSort>(SortText, out var s) && Enum.IsDefined(s) ? s : RoundApplicationSort.Reference;

    private int PageNumber => Math.Max(1, PageText ?? 1);

    private int Skip => (PageNumber - 1) * PageSize;

    protected override async Task OnInitializedAsync()
    {
        Form ??= new AssignInput();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _view = await Assignments.RoundAsync(Id, Sort, Skip, PageSize);
        if (_view is null)
        {
            NotFound();
            return;
        }
        var wanted = _done is null ? Removal?.AssessmentId ?? RemoveId : null;
        _removing = wanted is { } id
            ? _view.Applications.SelectMany(a => a.Assignments.Where(s => s.AssessmentId == id && Removable(s)).Select(s => (a.Reference, s)))
                .Cast<(string, AssignmentLine)?>().FirstOrDefault()
            : null;
    }

    private async Task RemoveAsync()
    {
        var result = await Assignments.RemoveAsync(Removal?.AssessmentId ?? 0, Removal?.Reason, Actor);
        if (Show(result))
        {
            _done = "The assignment has been removed. Assign another assessor to the application if it needs one.";
            Removal = null;
        }
        await LoadAsync();
    }

    private static bool Removable(AssignmentLine s) => s.State is AssignmentState.AwaitingAnswer or AssignmentState.ToScore;

    private string RemoveLink(int assessmentId) => $"{Link(Sort, PageNumber)}&remove={assessmentId}#confirm-remove";

    /// <summary>The removal form: which assignment, and why.</summary>
    public sealed class RemovalInput
    {
        public int AssessmentId { get; set; }

        public string? Reason { get; set; }
    }

    private async Task AssignAsync()
    {
        Form!.ApplicationIds = Ticked("ApplicationIds").Select(v => int.TryParse(v, CultureInfo.InvariantCulture, out var id) ? id : 0).ToList();
        var result = await Assignments.AssignAsync(Id, Form, Actor);
        if (Show(result))
        {
            _done = result.Value == 0
                ? "Nothing changed: the assessor already had the selected applications."
                : $"Assigned {result.Value} application{(result.Value == 1 ? "" : "s")}. The assessor has been emailed.";
            Form = new AssignInput();
        }
        else
        {
            _ticked = Form.ApplicationIds.ToHashSet();
        }
        await LoadAsync();
    }

    private string Link(RoundApplicationSort sort, int page) => $"/staff/rounds/{Id}/assessment?sort={sort}&page={page}";

    private static string RegisterText(AssessorLoad a) => a.RegisterExpires switch
    {
        null => "Not confirmed: cannot be assigned",
        { } e when a.RegisterCurrent => $"Confirmed until {UkTime.ToUkDate(e).ToString("d MMMM yyyy", Uk)}",
        { } e => $"Expired on {UkTime.ToUkDate(e).ToString("d MMMM yyyy", Uk)}: cannot be assigned",
    };
}
