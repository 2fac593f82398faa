using System.Globalization;
using System.Text;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Retention;
using GrantsCommissioning.Web.Security;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>A retention report (what the purge would do, or did) as CSV, for the administrator.</summary>
internal static class RetentionEndpoints
{
    public static IEndpointRouteBuilder MapRetentionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/retention/report.csv", async (int run, RetentionService retention, CancellationToken ct) =>
        {
            if (await retention.RunAsync(run, ct) is null)
            {
                return Results.NotFound();
            }
            var csv = new StringBuilder("Reference,Record type,Decision,Since (UK date),Policy allows removal from,Policy,Action,Outcome,Outcome note\r\n");
            foreach (var i in await retention.AllItemsAsync(run, ct))
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Csv.Cell(i.Reference)},{Csv.Cell(RetentionDefaults.For(i.RecordType).Title)},{(i.Kind == RetentionItemKind.Purge ? "Purge" : "Keep")},"
                    + $"{UkTime.ToUkDate(i.Since):yyyy-MM-dd},{i.DueOn:yyyy-MM-dd},{Csv.Cell(i.Policy)},{Csv.Cell(i.Action)},{i.Outcome},{Csv.Cell(i.OutcomeNote ?? "")}\r\n");
            }
            return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"retention-report-{run}.csv");
        }).RequireAuthorization(Policies.Administrator);
        return endpoints;
    }
}
