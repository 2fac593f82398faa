using System.Text;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GrantsCommissioning.Web.Infrastructure;

internal static class StartupBanner
{
    public static void Print(WebApplication app, DemoSignIns? signIns)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("GrantsCommissioning is running.");
        foreach (var address in addresses)
        {
            text.AppendLine($"  Open {address}/");
        }
        if (signIns is not null)
        {
            text.AppendLine();
            text.AppendLine($"Demo sign-ins (Development only), password for all: {signIns.Password}");
            foreach (var user in signIns.Users)
            {
                text.AppendLine($"  {string.Join(", ", user.Roles.Select(Roles.Describe)),-32} {user.Email,-44} {user.Name}");
            }
        }
        Console.WriteLine(text.ToString());
    }
}
