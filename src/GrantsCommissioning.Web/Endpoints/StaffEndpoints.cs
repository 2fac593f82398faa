using System.Globalization;
using System.Text;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Staff;
using GrantsCommissioning.Web.Security;

namespace GrantsCommissioning.Web.Endpoints;

/// <summary>The administrator's staff list as CSV.</summary>
internal static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/admin/staff/export.csv", async (StaffAdministration staff, CancellationToken ct) =>
        {
            var csv = new StringBuilder("Name,Email,Roles,Status,Two-step sign-in,Last signed in (UK time)\r\n");
            foreach (var s in await staff.AllAsync(ct))
            {
                var last = s.LastSignInAt is { } at ? UkTime.ToUk(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
                csv.Append(CultureInfo.InvariantCulture,
                    $"{Csv.Cell(s.Name)},{Csv.Cell(s.Email)},{Csv.Cell(s.RoleNames)},{s.Status},{(s.TwoFactor ? "Set up" : "Not set up")},{last}\r\n");
            }
            return Results.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "staff.csv");
        }).RequireAuthorization(Policies.Administrator);
        return endpoints;
    }
}
