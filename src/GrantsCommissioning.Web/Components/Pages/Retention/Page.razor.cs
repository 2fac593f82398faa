using System.Globalization;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Retention;
using Microsoft.AspNetCore.Components;

namespace GrantsCommissioning.Web.Components.Pages.Retention;

/// <summary>The administrator's retention page: policies (change one at a time), legal holds (place, lift with a reason), and the purge report (make a dry run, page through it, approve with confirmation).</summary>
public partial class Page
{
    private const int PageSize = 25;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    private IReadOnlyList<RetentionPolicyRow> _policies = [];
    private RetentionPolicyRow? _editing;
    private LegalHoldPage? _holds;
    private LegalHoldRow? _lifting;
    private RetentionRunSummary? _run;
    private RetentionItemPage? _items;

    [SupplyParameterFromForm(FormName = "policy")]
    private RetentionPolicyInput? Policy { get; set; }

    [SupplyParameterFromForm(FormName = "hold")]
    private LegalHoldInput? Hold { get; set; }

    [SupplyParameterFromForm(FormName = "lift")]
    private LiftHoldInput? Lift { get; set; }

    [SupplyParameterFromForm(FormName = "approve")]
    private int? ApproveRun { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    private int? PageText { get; set; }

    [SupplyParameterFromQuery]
    private string? Edit { get; set; }

    [SupplyParameterFromQuery]
    private string? Confirm { get; set; }

    [SupplyParameterFromQuery(Name = "id")]
    private int? ConfirmId { get; set; }

    [SupplyParameterFromQuery]
    private string? Done { get; set; }

    [Inject]
    private RetentionService Retention { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private int PageNumber => Math.Max(1, PageText ?? 1);

    private int Skip => (PageNumber - 1) * PageSize;

    private string? Message => Errors.Count > 0 ? null : Done switch
    {
        "policy" => "Policy saved. The next report uses it.",
        "hold" => "The case is under legal hold: no purge will touch it.",
        "lifted" => "Hold lifted.",
        "report" => "Dry-run report made. Nothing has been removed: check it, then approve it.",
        "approved" => "Report approved and carried out. What it did is in the report below and in the audit log.",
        _ => null,
    };

    protected override async Task OnInitializedAsync()
    {
        Hold ??= new LegalHoldInput();
        await LoadAsync();
        if (Enum.TryParse<RetentionRecordType>(Edit ?? Policy?.RecordType?.ToString(), out var type))
        {
            _editing = _policies.FirstOrDefault(p => p.RecordType == type);
            Policy ??= _editing is { } e ? new RetentionPolicyInput { RecordType = e.RecordType, Period = e.Period.ToString(CultureInfo.InvariantCulture), Unit = e.Unit } : null;
        }
        if (Confirm == "lift" && (ConfirmId ?? Lift?.HoldId) is { } id)
        {
            _lifting = await Retention.HoldAsync(id) is { LiftedAt: null } hold ? hold : null;
        }
    }

    private async Task LoadAsync()
    {
        _policies = await Retention.PoliciesAsync();
        _holds = await Retention.HoldsAsync(0, 100);
        _run = await Retention.LatestRunAsync();
        _items = _run is { } run ? await Retention.ItemsAsync(run.Id, Skip, PageSize) : null;
    }

    private async Task SavePolicyAsync()
    {
        if (Show(await Retention.UpdatePolicyAsync(Policy!, Actor)))
        {
            Navigation.NavigateTo("/admin/retention?done=policy");
        }
    }

    private async Task PlaceHoldAsync()
    {
        var result = await Retention.PlaceHoldAsync(Hold!, Actor);
        // The form's reason box is HoldReason, apart from the lift form's Reason.
        Errors = result.Errors.ToDictionary(e => e.Key == "Reason" ? "HoldReason" : e.Key, e => e.Value);
        if (result.Succeeded)
        {
            Navigation.NavigateTo("/admin/retention?done=hold");
        }
    }

    private async Task LiftAsync()
    {
        if (Show(await Retention.LiftHoldAsync(Lift!, Actor)))
        {
            Navigation.NavigateTo("/admin/retention?done=lifted");
        }
    }

    private async Task MakeReportAsync()
    {
        if (Show(await Retention.CreateReportAsync(Actor)))
        {
            Navigation.NavigateTo("/admin/retention?done=report");
        }
    }

    private async Task ApproveAsync()
    {
        if (Show(await Retention.ApproveAsync(ApproveRun ?? 0, Actor)))
        {
            Navigation.NavigateTo("/admin/retention?done=approved");
        }
    }

    private static string Date(DateTimeOffset at) => UkTime.ToUk(at).ToString("d MMM yyyy", En);

    private static string When(DateTimeOffset at) => UkTime.ToUk(at).ToString("d MMM yyyy HH:mm", En);

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";

    private string Age(DateTimeOffset since)
    {
        var from = UkTime.ToUkDate(since);
        var today = UkTime.ToUkDate(Clock.GetUtcNow());
        var months = ((today.Year - from.Year) * 12) + today.Month - from.Month - (today.Day < from.Day ? 1 : 0);
        return months >= 24 ? $"{months / 12} years" : months == 1 ? "1 month" : $"{months} months";
    }

    private static string StatusText(RetentionRunSummary run) => run.Status switch
    {
        RetentionRunStatus.Proposed when run.ApprovedAt is null => "Dry run: waiting for an administrator's approval. Nothing has been removed.",
        RetentionRunStatus.Proposed => $"Approved by {run.ApprovedByName} on {When(run.ApprovedAt!.Value)}; not finished (approve again to carry on).",
        RetentionRunStatus.Performed => $"Approved by {run.ApprovedByName} on {When(run.ApprovedAt!.Value)} and carried out: {run.Done} purged, {run.Skipped} skipped.",
        _ => "Replaced by a newer report before approval. Nothing was removed.",
    };

    private static string OutcomeText(RetentionItemRow i) => i.Kind == RetentionItemKind.Kept ? "Kept" : i.Outcome switch
    {
        RetentionOutcome.Done => "Done: " + i.OutcomeNote,
        RetentionOutcome.Skipped => "Skipped: " + i.OutcomeNote,
        _ => "Not yet",
    };
}
