using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Web.Components.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;

namespace GrantsCommissioning.Web.Components.Shared;

public partial class AttachmentPanel
{
    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [Parameter, EditorRequired]
    public AttachmentOwner Owner { get; set; }

    [Parameter, EditorRequired]
    public int OwnerId { get; set; }

    /// <summary>What the files are for; also filters the list when one record has panels for several purposes.</summary>
    [Parameter, EditorRequired]
    public string Purpose { get; set; } = "";

    /// <summary>A short name, unique on the page, for the panel's ids and its messages.</summary>
    [Parameter, EditorRequired]
    public string Key { get; set; } = "";

    /// <summary>The local page to come back to after uploading or removing.</summary>
    [Parameter, EditorRequired]
    public string ReturnPath { get; set; } = "";

    [Parameter]
    public string Title { get; set; } = "Supporting documents";

    /// <summary>The heading level of the panel's title (2 or 3) in the page's outline.</summary>
    [Parameter]
    public int Level { get; set; } = 2;

    [Parameter]
    public string? Hint { get; set; }

    [Parameter]
    public string UploadLabel { get; set; } = "Upload a file";

    [Parameter]
    public bool CanChange { get; set; }

    /// <summary>Show every file of the record, whatever its purpose (e.g. evidence on a return).</summary>
    [Parameter]
    public bool AllPurposes { get; set; }

    /// <summary>Only the files sent for this entry of the record's workflow journal (an open question's files).</summary>
    [Parameter]
    public int? JournalSequence { get; set; }

    private IReadOnlyList<StoredAttachment> _files = [];
    private string? _error;
    private string? _added;

    private string PanelId => "attachments-" + Key;

    private string Back => QueryHelpers.AddQueryString(ReturnPath, "panel", Key) + "#" + PanelId;

    private string Action => QueryHelpers.AddQueryString($"/attachments/{Owner}/{OwnerId}",
        new Dictionary<string, string?> { ["purpose"] = Purpose, ["returnUrl"] = Back });

    private static string Accept => string.Join(',', FileSniffer.Allowed.Select(k => k.Extension));

    protected override async Task OnParametersSetAsync()
    {
        var actor = WorkflowActor.From(HttpContext.User);
        var files = actor is null ? [] : await Store.ListAsync(Owner, OwnerId, actor);
        _files = AllPurposes ? files : files.Where(f => f.Purpose == Purpose && (JournalSequence is null || f.JournalSequence == JournalSequence)).ToList();
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        if (query.TryGetValue("panel", out var panel) && panel == Key)
        {
            _error = query.TryGetValue("attachment-error", out var e) ? e.ToString() : null;
            _added = query.TryGetValue("attachment-added", out var a) ? a.ToString() : null;
        }
    }
}
