using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Shared;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GrantsCommissioning.Web.Components.Pages.PaymentRuns;

/// <summary>What the finance pages share: the signed-in finance user, the form's errors and a one-line confirmation.</summary>
public abstract class FinancePageBase : ComponentBase
{
    protected static readonly System.Globalization.CultureInfo Uk = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected IReadOnlyDictionary<string, string> Errors { get; set; } = FieldIds.None;

    protected string? Message { get; set; }

    /// <summary>
    /// Where the error summary's links go: by default the element whose id is the key, else the id the last form's
    /// <see cref="ErrorTargets"/> gives it (a page with two forms, or fields whose ids carry a row's id).
    /// </summary>
    protected string ErrorHref(string key) => "#" + (_targets.TryGetValue(key ?? "", out var id) ? id : FieldIds.For(key ?? ""));

    private IReadOnlyDictionary<string, string> _targets = FieldIds.None;

    /// <summary>The element ids of the form about to be sent, by error key, for <see cref="ErrorHref"/>.</summary>
    protected void ErrorTargets(params (string Key, string Id)[] targets) =>
        _targets = (targets ?? []).ToDictionary(t => t.Key, t => t.Id, StringComparer.Ordinal);

    private bool _busy;

    /// <summary>
    /// True while a change runs, and until the page is interactive: a click or a ticked box before the circuit starts
    /// would otherwise be lost without a word (found by the payment-run browser journey).
    /// </summary>
    protected bool Busy
    {
        get => _busy || !RendererInfo.IsInteractive;
        set => _busy = value;
    }

    protected async Task<Actor> ActorAsync() => WorkflowActor.From((await AuthState).User)!;

    protected static string D(DateOnly d) => d.ToString("d MMM yyyy", Uk);

    /// <summary>The uploaded file's bytes (up to 1 MB), or null with the "file" error shown when it is larger.</summary>
    protected async Task<byte[]?> ReadUploadAsync(Microsoft.AspNetCore.Components.Forms.IBrowserFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var buffer = new MemoryStream();
            await file.OpenReadStream(maxAllowedSize: 1024 * 1024).CopyToAsync(buffer);
            return buffer.ToArray();
        }
        catch (IOException)
        {
            Errors = new Dictionary<string, string> { ["file"] = "The file must be smaller than 1 MB." };
            return null;
        }
    }

    /// <summary>Runs a change: shows its errors, or the confirmation and reloads.</summary>
    protected async Task ChangeAsync<T>(Func<Task<Core.Features.FeatureResult<T>>> change, string done, Func<Task> reload)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(reload);
        Busy = true;
        Message = null;
        try
        {
            var result = await change();
            Errors = result.Errors;
            if (result.Succeeded)
            {
                Message = done;
                await reload();
            }
        }
        finally
        {
            Busy = false;
        }
    }
}
