using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Api;

internal sealed record ApiTokensSeed(IReadOnlyList<ApiTokenSeed> Tokens);

internal sealed record ApiTokenSeed(string Name, string Prefix, IReadOnlyList<string> Scopes, string ExpiresOn, string CreatedBy, bool Revoked = false);

/// <summary>
/// Demo token records (seed-data/demo/api-tokens.json), checked by the form's validator, marked as demo and given a
/// placeholder hash that is not hex, so no secret can ever match: the demo shows the page, never a working token.
/// </summary>
internal sealed class ApiTokenDemoLoader(GrantsDbContext db, SeedFile file, DateTimeOffset now)
{
    public const string PlaceholderHash = "demo-placeholder-no-secret-matches-this";

    public async Task<int> LoadAsync(CancellationToken ct)
    {
        var seed = file.Read<ApiTokensSeed>();
        var validator = new ApiTokenInputValidator();
        var added = 0;
        foreach (var t in seed.Tokens)
        {
            file.Check(t.Prefix.StartsWith("de", StringComparison.Ordinal) && t.Prefix.Length == 12, $"demo token \"{t.Name}\": its prefix must be 12 characters starting \"de\"");
            if (await db.Set<ApiToken>().AnyAsync(x => x.Prefix == t.Prefix, ct))
            {
                continue;
            }
            var input = new ApiTokenInput { Name = t.Name, Scopes = [.. t.Scopes], ExpiresOn = file.Date(t.ExpiresOn, t.Name + " expiresOn") };
            var context = new ValidationContext<ApiTokenInput>(input);
            context.RootContextData[ApiTokenInputValidator.Today] = file.Today;
            var result = validator.Validate(context);
            file.Check(result.IsValid, $"demo token \"{t.Name}\": {string.Join(" ", result.Errors.Select(e => e.ErrorMessage))}");
            var email = t.CreatedBy.ToUpperInvariant();
            var by = await db.Users.Where(u => u.NormalizedEmail == email).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? t.CreatedBy;
            db.Add(new ApiToken
            {
                Name = t.Name, Prefix = t.Prefix, SecretHash = PlaceholderHash, Scopes = string.Join(' ', t.Scopes), ExpiresOn = input.ExpiresOn!.Value,
                CreatedAt = now, CreatedByName = by, RevokedAt = t.Revoked ? now : null, RevokedByName = t.Revoked ? by : null, IsDemo = true,
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
