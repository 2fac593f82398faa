using GrantsCommissioning.Core.Features.Attachments;
using GrantsCommissioning.Web.Components.Workflow;
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
        var back = LocalOrDefault(returnUrl);
        var actor = WorkflowActor.From(context.User);
        if (actor is null || !MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Results.BadRequest();
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = store.MaxBytes + (64 * 1024);
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Results.BadRequest();
        }
        var reader = new MultipartReader(boundary, context.Request.Body);
        if (!await TokenFirstAsync(context, reader, antiforgery, ct).ConfigureAwait(false))
        {
            return Results.BadRequest();
        }
        for (var section = await reader.ReadNextSectionAsync(ct).ConfigureAwait(false); section is not null;
             section = await reader.ReadNextSectionAsync(ct).ConfigureAwait(false))
        {
            if (section.GetContentDispositionHeader() is not { } disposition || !disposition.IsFileDisposition())
            {
                continue;
            }
            var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value;
            try
            {
                var saved = await store.SaveAsync(new AttachmentUpload(owner, ownerId, string.IsNullOrWhiteSpace(purpose) ? "Supporting document" : purpose.Trim(),
                    fileName ?? "", section.Body), actor, ct).ConfigureAwait(false);
                return Results.Redirect(saved.Succeeded
                    ? QueryHelpers.AddQueryString(back, AddedQuery, saved.Value!.FileName)
                    : QueryHelpers.AddQueryString(back, ErrorQuery, saved.Errors.Values.First()));
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.Redirect(QueryHelpers.AddQueryString(back, ErrorQuery, $"The file must be smaller than {store.MaxBytes / (1024 * 1024)} MB."));
            }
        }
        return Results.Redirect(QueryHelpers.AddQueryString(back, ErrorQuery, "Choose a file to upload."));
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, int id, AttachmentStore store, CancellationToken ct)
    {
        var actor = WorkflowActor.From(context.User);
        var file = actor is null ? null : await store.OpenAsync(id, actor, ct).ConfigureAwait(false);
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
        var result = await store.DeleteAsync(id, actor, ct).ConfigureAwait(false);
        var back = LocalOrDefault(returnUrl);
        return Results.Redirect(result.Succeeded ? back : QueryHelpers.AddQueryString(back, ErrorQuery, result.Errors.Values.First()));
    }

    /// <summary>Reads the first section, which must be the antiforgery token, and validates it without reading the rest of the body.</summary>
    private static async Task<bool> TokenFirstAsync(HttpContext context, MultipartReader reader, IAntiforgery antiforgery, CancellationToken ct)
    {
        var first = await reader.ReadNextSectionAsync(ct).ConfigureAwait(false);
        if (first?.GetContentDispositionHeader() is not { } disposition || !disposition.IsFormDisposition()
            || disposition.Name.Value != "__RequestVerificationToken")
        {
            return false;
        }
        using var text = new StreamReader(first.Body);
        var token = await text.ReadToEndAsync(ct).ConfigureAwait(false);
        context.Request.Headers["RequestVerificationToken"] = token;
        return await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
    }

    private static string LocalOrDefault(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : "/applicant";
}
