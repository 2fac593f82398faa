using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Web.Components.Workflow;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// The Word documents of decision notices (Part 1 only): for anyone once published, for notice staff at any stage. A
/// notice that is missing, unpublished (publicly) or not theirs to see is a 404. (The notices list downloads through
/// <see cref="TableExportEndpoints"/>.)
/// </summary>
internal static class DecisionNoticeEndpoints
{
    public static IEndpointRouteBuilder MapDecisionNoticeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/transparency/decisions/{slug}.docx", async (string slug, NoticeRegister register, CancellationToken ct) =>
            await register.DocumentAsync(slug, ct) is { } doc ? Results.File(doc.Content, NoticeDocument.ContentType, doc.FileName) : Results.NotFound())
            .AllowAnonymous();
        endpoints.MapGet("/decision-notices/{id:int}/document", async (int id, HttpContext context, DecisionNoticeService notices, CancellationToken ct) =>
            WorkflowActor.From(context.User) is { } actor && await notices.DocumentAsync(id, actor, ct) is { } doc
                ? Results.File(doc.Content, NoticeDocument.ContentType, doc.FileName)
                : Results.NotFound())
            .RequireAuthorization(p => p.RequireRole(DecisionNoticeAccess.Staff));
        return endpoints;
    }
}
