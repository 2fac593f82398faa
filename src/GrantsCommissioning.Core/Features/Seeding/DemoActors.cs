using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Seeding;

/// <summary>Who does what in the demo loaders that go through the services.</summary>
internal static class DemoActors
{
    /// <summary>
    /// The demo user with that email, as signed in; where demo sign-ins were not created (a test database) the same
    /// person from demo/users.json under a stand-in id, so who did what still differs as it would.
    /// </summary>
    public static async Task<Actor> ActorAsync(IDbContextFactory<GrantsDbContext> factory, DataPaths paths, TimeProvider clock, SeedFile file, string email, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var normalized = email.ToUpperInvariant();
        var user = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (user is not null)
        {
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync(ct);
            return Actor.For(user.Id, user.DisplayName, [.. roles]);
        }
        var seed = SeedFile.At(paths.SeedDataPath.Value, "demo/users.json", UkTime.ToUkDate(clock.GetUtcNow())).Read<UsersSeed>()
            .Users.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        file.Check(seed is not null, $"user {email} is not a demo user");
        return Actor.For("demo:" + email, seed!.Name, [.. seed.Roles]);
    }
}
