using System.Globalization;
using System.Text;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.DecisionNotices;
using GrantsCommissioning.Web.Components.Workflow;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>
/// The Word documents of decision notices (Part 1 only): for anyone once published, for notice staff at any stage; and
/// the staff list as CSV. A notice that is missing, unpublished (publicly) or not theirs to see is a 404.
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
        endpoints.MapGet("/decision-notices/export.csv", async (string? state, DecisionNoticeService notices, CancellationToken ct) =>
        {
            var page = await notices.ListAsync(state, null, NoticeSort.Reference, false, 0, 200, ct);
            var csv = new StringBuilder("Reference,Title,State,Amount (GBP),Signed\r\n");
            foreach (var n in page.Rows)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Cell(n.Reference)},{Cell(n.Title)},{Cell(n.StateLabel)},{n.Amount?.Pounds.ToString("0.00", CultureInfo.InvariantCulture)},{n.SignatureDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}\r\n");
            }
            return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "decision-notices.csv");
        }).RequireAuthorization(p => p.RequireRole(DecisionNoticeAccess.Staff));
        return endpoints;
    }

    /// <summary>A CSV cell, quoted, and with a leading formula character neutralised so a spreadsheet does not run it.</summary>
    internal static string Cell(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
