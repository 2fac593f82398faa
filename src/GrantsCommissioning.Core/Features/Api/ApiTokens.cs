using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using GrantsCommissioning.Core.Data;
using GrantsCommissioning.Core.Domain;
using GrantsCommissioning.Core.Features.Audit;
using GrantsCommissioning.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GrantsCommissioning.Core.Features.Api;

/// <summary>
/// The API tokens: an administrator lists, creates (the secret returned once) and revokes them; the API checks a bearer
/// token against the stored SHA-256 of its secret and records each use in the audit log. A token is given out as
/// gc_PREFIX_SECRET: the prefix finds the row, the 32-byte secret (hex) is hashed and compared in constant time.
/// </summary>
public sealed class ApiTokens(IDbContextFactory<GrantsDbContext> factory, AuditTrail audit, IValidator<ApiTokenInput> validator, TimeProvider clock)
{
    public const string EntityType = nameof(ApiToken);
    public const string UsedAction = "Api.TokenUsed";
    public const string RefusedAction = "Api.TokenRefused";
        private const int PrefixBytes = 6;
    private const int SecretBytes = 32;

    public async Task<ApiTokenPage> ListAsync(int skip, int take, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var total = await db.Set<ApiToken>().CountAsync(ct);
        var tokens = await db.Set<ApiToken>().AsNoTracking().OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200)).ToListAsync(ct);
        var today = Today;
        return new ApiTokenPage(tokens.Select(t => Row(t, today)).ToList(), total);
    }

    /// <summary>One token as the list shows it, or null.</summary>
    public async Task<ApiTokenRow?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var t = await db.Set<ApiToken>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return t is null ? null : Row(t, Today);
    }

    private static ApiTokenRow Row(ApiToken t, DateOnly today) => new(t.Id, t.Name, t.Prefix, t.ScopeList, t.ExpiresOn, t.CreatedAt, t.CreatedByName,
        t.RevokedAt, t.RevokedByName, t.IsDemo, Status(t, today));

    private static string Status(ApiToken t, DateOnly today) =>
        t.RevokedAt is not null ? "Revoked" : t.ExpiresOn < today ? "Expired" : "Active";

    /// <summary>Creates the token; the whole secret is in the answer and nowhere else, so the page shows it once.</summary>
    public async Task<FeatureResult<IssuedApiToken>> CreateAsync(ApiTokenInput input, Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.IsInRole(Roles.Administrator))
        {
            return FeatureResult<IssuedApiToken>.Fail(new NotAllowed("create API tokens"));
        }
        var context = new ValidationContext<ApiTokenInput>(input);
        context.RootContextData[ApiTokenInputValidator.Today] = Today;
        var validation = await validator.ValidateAsync(context, ct);
        if (!validation.IsValid)
        {
            return FeatureResult<IssuedApiToken>.Invalid(validation);
        }
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixBytes));
        var secret = RandomNumberGenerator.GetBytes(SecretBytes);
        var scopes = ApiScopes.All.Select(s => s.Scope).Where(input.Scopes.Contains).ToList();
        return await factory.InTransactionAsync(async db =>
        {
            var token = new ApiToken
            {
                Name = input.Name!.Trim(), Prefix = prefix, SecretHash = Hash(secret), Scopes = string.Join(' ', scopes), ExpiresOn = input.ExpiresOn!.Value,
                CreatedAt = clock.GetUtcNow(), CreatedByName = admin.DisplayName,
            };
            db.Add(token);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(db, admin, "Api.TokenCreated", EntityType, Id(token.Id), null,
                new { name = token.Name, prefix, scopes, expiresOn = token.ExpiresOn }, ct);
            return FeatureResult<IssuedApiToken>.Ok(new IssuedApiToken(token.Id, token.Name, $"gc_{prefix}_{Convert.ToHexStringLower(secret)}", token.ExpiresOn));
        }, ct);
    }

    /// <summary>Revokes the token at once: its next request is refused. Revoking a revoked token changes nothing.</summary>
    public async Task<FeatureResult<bool>> RevokeAsync(int id, Actor admin, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!admin.IsInRole(Roles.Administrator))
        {
            return FeatureResult<bool>.Fail(new NotAllowed("revoke API tokens"));
        }
        return await factory.InTransactionAsync(async db =>
        {
            var token = await db.Set<ApiToken>().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (token is null)
            {
                return FeatureResult<bool>.Fail(new NotFound("API token"));
            }
            if (token.RevokedAt is null)
            {
                (token.RevokedAt, token.RevokedByName) = (clock.GetUtcNow(), admin.DisplayName);
                await audit.AppendAsync(db, admin, "Api.TokenRevoked", EntityType, Id(id), null, new { name = token.Name, prefix = token.Prefix }, ct);
            }
            return FeatureResult<bool>.Ok(true);
        }, ct);
    }

    /// <summary>The lookup prefix of a bearer token, read without the database (the rate limiter's partition), or null.</summary>
    public static string? PrefixOf(string? bearer) => Parse(bearer)?.Prefix;

    /// <summary>
    /// Checks a bearer token for <paramref name="scope"/>. A token that is found (good, expired, revoked or short of
    /// the scope) has the attempt written to the audit log, one row in its own short transaction; an unknown token is not.
    /// </summary>
    public async Task<ApiTokenCheck> CheckAsync(string? bearer, string scope, string route, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(bearer))
        {
            return new ApiTokenCheck(ApiTokenStatus.Missing, null);
        }
        if (Parse(bearer) is not var (prefix, secret))
        {
            return new ApiTokenCheck(ApiTokenStatus.Unknown, null);
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var token = await db.Set<ApiToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Prefix == prefix, ct);
        if (token is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(token.SecretHash)))
        {
            return new ApiTokenCheck(ApiTokenStatus.Unknown, null);
        }
        var status = token.RevokedAt is not null ? ApiTokenStatus.Revoked
            : token.ExpiresOn < Today ? ApiTokenStatus.Expired
            : !token.ScopeList.Contains(scope) ? ApiTokenStatus.ScopeMissing
            : ApiTokenStatus.Accepted;
        var caller = new ApiCaller(token.Id, token.Name, token.ScopeList, ActorFor(token));
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            await audit.AppendAsync(db, caller.Actor, status == ApiTokenStatus.Accepted ? UsedAction : RefusedAction, EntityType, Id(token.Id), null,
                new { route, scope, outcome = status.ToString() }, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return new ApiTokenCheck(status, status == ApiTokenStatus.Accepted ? caller : null);
    }

    /// <summary>The actor a token's uses are recorded as; a token for the status import acts as Finance.</summary>
    private static Actor ActorFor(ApiToken token) => token.ScopeList.Contains(ApiScopes.PaymentStatusImport)
        ? Actor.For($"api-token:{token.Id}", $"API token \"{token.Name}\"", Roles.Finance)
        : Actor.For($"api-token:{token.Id}", $"API token \"{token.Name}\"");

    private DateOnly Today => UkTime.ToUkDate(clock.GetUtcNow());

    private static (string Prefix, byte[] Secret)? Parse(string? bearer)
    {
        var parts = bearer?.Trim().Split('_');
        if (parts is not ["gc", { Length: PrefixBytes * 2 } prefix, var secret] || !prefix.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        return secret.Length == SecretBytes * 2 && secret.All(char.IsAsciiHexDigitLower) ? (prefix, Convert.FromHexString(secret)) : null;
    }

    private static string Hash(byte[] secret) => Convert.ToHexStringLower(SHA256.HashData(secret));

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
