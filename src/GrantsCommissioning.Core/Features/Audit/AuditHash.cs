using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GrantsCommissioning.Core.Domain;

namespace GrantsCommissioning.Core.Features.Audit;

/// <summary>
/// The canonical form of an audit row, shared by the writer and the verifier. Rows are hashed with an HMAC
/// (<see cref="AuditKey.Hash"/>); <see cref="ComputeLegacy"/> is the unkeyed SHA-256 of rows written before the chain
/// was keyed, accepted by the verifier only before the first keyed row.
/// </summary>
public static class AuditHash
{
    /// <summary>The previous hash of the first row in the chain.</summary>
    public static readonly string Genesis = new('0', 64);

    internal const string LegacyVersion = "audit-v1";
    internal const string KeyedVersion = "audit-v2";

    public static string ComputeLegacy(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(entry, LegacyVersion))));

    internal static string Canonical(AuditEntry entry, string version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Length-prefixed fields rather than JSON: no escaping rules that a framework upgrade could change, and no
        // two different rows share a canonical form (null is distinct from empty).
        var canonical = new StringBuilder(version).Append(';');
        foreach (var field in new[]
        {
            entry.Id.ToString(CultureInfo.InvariantCulture), entry.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.ActorUserId, entry.ActorName, entry.Action, entry.EntityType, entry.EntityId, entry.Before, entry.After, entry.PreviousHash,
        })
        {
            canonical.Append(field is null ? "~" : string.Create(CultureInfo.InvariantCulture, $"{field.Length}:{field}")).Append(';');
        }
        return canonical.ToString();
    }
}
