using System.Globalization;
using System.Text;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Assessments;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>A round's ranking as CSV for grants officers (the same rows as the ranking page); an unknown round is a 404.</summary>
internal static class AssessmentEndpoints
{
    public static IEndpointRouteBuilder MapAssessmentEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/staff/rounds/{id:int}/ranking.csv", async (int id, ModerationService moderation, CancellationToken ct) =>
        {
            if (await moderation.RankingAsync(id, ct) is not { } view)
            {
                return Results.NotFound();
            }
            var csv = new StringBuilder("Rank,Reference,Organisation,Title,Status,Score,Moderated,Requested (GBP),Running total (GBP),Above funding line\r\n");
            foreach (var r in view.Rows)
            {
                csv.Append(CultureInfo.InvariantCulture,
                    $"{(r.Score is null ? "" : r.Rank.ToString(CultureInfo.InvariantCulture))},{Cell(r.Reference)},{Cell(r.Organisation)},{Cell(r.Title)},{Cell(r.StateLabel)},")
                    .Append(CultureInfo.InvariantCulture, $"{(r.NeedsModeration ? "needs moderation" : r.Score?.ToString("0.0", CultureInfo.InvariantCulture))},{(r.Moderated ? "yes" : "no")},")
                    .Append(CultureInfo.InvariantCulture, $"{Pounds(r.Requested)},{(r.Cumulative is { } c ? Pounds(c) : "")},{(r.AboveFundingLine ? "no" : r.Score is null ? "" : "yes")}\r\n");
            }
            return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"ranking-{view.Reference}.csv");
        }).RequireAuthorization(p => p.RequireRole(Roles.GrantsOfficer));
        return endpoints;
    }

    private static string Pounds(Money m) => m.Pounds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Cell(string value) => Csv.Cell(value);
}
