namespace GrantsCommissioning.Core.Features.Api;

/// <summary>
/// A bearer token an administrator issued to an integration (the finance system, a data portal). The secret itself is
/// never stored: only <see cref="Prefix"/> (to find the row) and the SHA-256 of the 32 random secret bytes. A token works
/// until its expiry date (UK), unless revoked, and only for its scopes.
/// </summary>
public class ApiToken
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The lookup part of the token as given out (gc_PREFIX_SECRET); unique; not secret.</summary>
    public required string Prefix { get; set; }

    /// <summary>Lower-case hex SHA-256 of the secret's 32 bytes.</summary>
    public required string SecretHash { get; set; }

    /// <summary>The scopes, space-separated (see <see cref="ApiScopes"/>).</summary>
    public required string Scopes { get; set; }

    /// <summary>The last UK date on which the token works.</summary>
    public DateOnly ExpiresOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedByName { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedByName { get; set; }

    /// <summary>A demo record with a placeholder hash that no secret matches (demo data never holds a working secret).</summary>
    public bool IsDemo { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
