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
            var keys = app.Services.GetRequiredService<StartupTasks>().DemoAuthenticatorKeys;
            if (keys.Count > 0)
            {
                text.AppendLine();
                text.AppendLine("Staff sign in with a code too. Add each key to an authenticator app (enter a setup key; time-based, 6 digits):");
                foreach (var (email, key) in keys)
                {
                    text.AppendLine($"  {email,-44} {key}");
                }
            }
        }
        Console.WriteLine(text.ToString());
    }
}
