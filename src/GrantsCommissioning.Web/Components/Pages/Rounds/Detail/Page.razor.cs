using GrantsCommissioning.Core.Features.Rounds;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Rounds.Detail;

public partial class Page
{
    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "saved")]
    private string? Saved { get; set; }

    [SupplyParameterFromForm(FormName = "publish")]
    private ConfirmInput? Publish { get; set; }

    [SupplyParameterFromForm(FormName = "close")]
    private ConfirmInput? Close { get; set; }

    [SupplyParameterFromForm(FormName = "extend")]
    private RoundDeadlineInput? Extend { get; set; }

    private RoundStaffView? _round;
    private string? _done;

    protected override async Task OnInitializedAsync()
    {
        Publish ??= new ConfirmInput();
        Close ??= new ConfirmInput();
        Extend ??= new RoundDeadlineInput();
        _done = Saved == "1" ? "The round has been saved." : null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _round = await Rounds.GetAsync(Id);
        if (_round is null)
        {
            NotFound();
        }
    }

    private Task PublishAsync() => ActAsync(Rounds.PublishAsync(Id, Actor), "The round has been published.");

    private Task ExtendAsync() => ActAsync(Rounds.ExtendAsync(Id, Extend!, Actor), "The closing time has been extended.");

    private async Task CloseAsync()
    {
        if (Close!.Confirm != "yes")
        {
            Errors = new Dictionary<string, string> { ["CloseConfirm"] = "Confirm that applicants will not be able to submit after the round closes." };
            return;
        }
        await ActAsync(Rounds.CloseEarlyAsync(Id, Close.Reason, Actor), "The round has been closed.");
    }

    private async Task ActAsync(Task<Core.Features.FeatureResult<int>> action, string done)
    {
        if (Show(await action))
        {
            _done = done;
            await LoadAsync();
        }
    }

    /// <summary>A confirmed action with an optional reason.</summary>
    public sealed class ConfirmInput
    {
        public string? Confirm { get; set; }
        public string? Reason { get; set; }
    }
}
