using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Core.Workflow;
using GrantsCommissioning.Web.Components.Workflow;
using GrantsCommissioning.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// Upload and download of attachments. Uploads are read as a multipart stream section by section: the antiforgery
/// token (the form's first field) is checked before the file is read, and the file goes straight to disk.
/// </summary>
internal static class AttachmentEndpoints
{
    public const string ErrorQuery = "attachment-error";
    public const string AddedQuery = "attachment-added";
    private const string DefaultReturn = "/applicant";
    private const long FormOverheadBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/attachments/{owner}/{ownerId:int}", UploadAsync).DisableAntiforgery().RequireAuthorization();
        endpoints.MapGet("/attachments/{id:int}", DownloadAsync).RequireAuthorization();
        endpoints.MapPost("/attachments/{id:int}/delete", DeleteAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(HttpContext context, AttachmentOwner owner, int ownerId, string? purpose, string? returnUrl,
        AttachmentStore store, IAntiforgery antiforgery, CancellationToken ct)
    {
        var back = LocalUrl.OrDefault(returnUrl, DefaultReturn);
        var actor = WorkflowActor.From(context.User);
        if (actor is null || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Results.BadRequest();
        }
        var tooLarge = Results.Redirect(QueryHelpers.AddQueryString(back, ErrorQuery, store.TooLargeMessage));
        var bodyLimit = store.MaxBytes + FormOverheadBytes;
        // A body declared too large is answered before any of it is read: Kestrel discards the rest (within its own limit),
        // so the browser gets the form back with the message rather than a broken connection.
        if (context.Request.ContentLength > bodyLimit)
        {
            return tooLarge;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = bodyLimit;
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Results.BadRequest();
        }
        try
        {
            return await ReadUploadAsync(context, new MultipartReader(boundary, context.Request.Body), new AttachmentTarget(owner, ownerId, purpose, back),
                store, antiforgery, actor, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return tooLarge;
        }
    }

    private sealed record AttachmentTarget(AttachmentOwner Owner, int OwnerId, string? Purpose, string Back);

    private static async Task<IResult> ReadUploadAsync(HttpContext context, MultipartReader reader, AttachmentTarget target,
        AttachmentStore store, IAntiforgery antiforgery, Actor actor, CancellationToken ct)
    {
        if (!await TokenFirstAsync(context, reader, antiforgery, ct))
        {
            return Results.BadRequest();
        }
        for (var section = await reader.ReadNextSectionAsync(ct); section is not null;
             section = await reader.ReadNextSectionAsync(ct))
        {
            if (section.GetContentDispositionHeader() is not { } disposition || !disposition.IsFileDisposition())
            {
                continue;
            }
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
            var purpose = string.IsNullOrWhiteSpace(target.Purpose) ? "Supporting document" : target.Purpose.Trim();
            var saved = await store.SaveAsync(new AttachmentUpload(target.Owner, target.OwnerId, purpose, fileName ?? "", section.Body), actor, ct);
            return Results.Redirect(saved.Succeeded
                ? QueryHelpers.AddQueryString(target.Back, AddedQuery, saved.Value!.FileName)
                : QueryHelpers.AddQueryString(target.Back, ErrorQuery, saved.Errors.Values.First()));
        }
        return Results.Redirect(QueryHelpers.AddQueryString(target.Back, ErrorQuery, "Choose a file to upload."));
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, int id, AttachmentStore store, CancellationToken ct)
    {
        var actor = WorkflowActor.From(context.User);
        var file = actor is null ? null : await store.OpenAsync(id, actor, ct);
        if (file is null)
        {
            return Results.NotFound();
        }
        context.Response.Headers.CacheControl = "no-store";
        return Results.File(file.Path, file.File.ContentType, file.File.FileName, enableRangeProcessing: false);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, int id, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl, AttachmentStore store, CancellationToken ct)
    {
        var actor = WorkflowActor.From(context.User);
        if (actor is null)
        {
            return Results.BadRequest();
        }
        var result = await store.DeleteAsync(id, actor, ct);
        var back = LocalUrl.OrDefault(returnUrl, DefaultReturn);
        return Results.Redirect(result.Succeeded ? back : QueryHelpers.AddQueryString(back, ErrorQuery, result.Errors.Values.First()));
    }

    /// <summary>Reads the first section, which must be the antiforgery token, and validates it without reading the rest of the body.</summary>
    private static async Task<bool> TokenFirstAsync(HttpContext context, MultipartReader reader, IAntiforgery antiforgery, CancellationToken ct)
    {
        var first = await reader.ReadNextSectionAsync(ct);
        if (first?.GetContentDispositionHeader() is not { } disposition || !disposition.IsFormDisposition()
            || disposition.Name.Value != "__RequestVerificationToken")
        {
            return false;
        }
        using var text = new StreamReader(first.Body);
        var token = await text.ReadToEndAsync(ct);
        context.Request.Headers["RequestVerificationToken"] = token;
        return await antiforgery.IsRequestValidAsync(context);
    }
}
